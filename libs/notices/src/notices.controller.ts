import { AuthUser, CurrentUser, ParseIdPipe } from '#core';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NoticeDto, NoticeListQuery, NoticePageDto, ReadAllResultDto } from './dto/notice.dto';
import { NoticesService } from './notices.service';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  @ApiOperation({ summary: 'My notices, newest first (unread=true: only unread)' })
  @ApiOkResponse({ type: NoticePageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: NoticeListQuery) {
    return this.notices.inbox(user, q);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notices read' })
  @ApiOkResponse({ type: ReadAllResultDto })
  readAll(@CurrentUser() user: AuthUser) {
    return this.notices.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: "Mark one of my notices read (another user's notice: 404)" })
  @ApiOkResponse({ type: NoticeDto })
  read(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.notices.markRead(user, id);
  }
}
