import { AuthUser, CurrentUser, ParseIdPipe } from '#core';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NoticeDto, NoticeListQuery, NoticePageDto, ReadAllQuery, ReadAllResultDto } from '../dto/notice.dto';
import { NoticesService } from '../services/notices.service';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  @ApiOperation({
    summary: 'My notices, most recently updated first (unread=true: only unread; kind: only that kind)',
    description:
      'Each notice is the digest of one kind for me and one business day (Asia/Shanghai): it lists its items (tasks, lists, cases ...), ' +
      'each reason once. With several items the subject counts them ("3 项任务已逾期"). A read digest that gets a new item is unread again. ' +
      'unread and unreadByKind count all my unread notices, whatever the filter.',
  })
  @ApiOkResponse({ type: NoticePageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: NoticeListQuery) {
    return this.notices.inbox(user, q);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notices read (kind: only that kind)' })
  @ApiOkResponse({ type: ReadAllResultDto })
  readAll(@CurrentUser() user: AuthUser, @Query() q: ReadAllQuery) {
    return this.notices.markAllRead(user, q.kind);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: "Mark one of my notices read (another user's notice: 404)" })
  @ApiOkResponse({ type: NoticeDto })
  read(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.notices.markRead(user, id);
  }
}
