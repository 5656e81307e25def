import { AuthUser, CurrentUser, ParseIdPipe, Role, Roles, sendXlsx, XLSX_MIME } from '#core';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { BulletinsService } from '../services/bulletins.service';
import { BulletinListQuery, CreateBulletinDto } from '../dto/progress.dto';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('bulletins')
export class BulletinsController {
  constructor(private readonly bulletins: BulletinsService) {}

  @Post()
  @HttpCode(202)
  @Roles(Role.Office, Role.Leader)
  @ApiOperation({ summary: 'Ask the worker for a bulletin now (once per campaign unit and date)' })
  request(@CurrentUser() user: AuthUser, @Body() dto: CreateBulletinDto) {
    return this.bulletins.request(user, dto.campaignId, dto.date);
  }

  @Get()
  @ApiOperation({ summary: "A campaign's bulletins, newest first" })
  list(@CurrentUser() user: AuthUser, @Query() q: BulletinListQuery) {
    return this.bulletins.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One bulletin: ranking, praised, criticised, zero completion' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.bulletins.get(user, id);
  }

  @Get(':id/xlsx')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'The bulletin as XLSX' })
  async xlsx(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.bulletins.xlsx(user, id));
  }
}
