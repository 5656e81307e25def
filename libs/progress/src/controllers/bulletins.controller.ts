import { ApiFileResponse, ApiPagedResponse, attachmentNamed, AuthUser, CurrentUser, ParseIdPipe, Role, Roles, sendXlsx } from '#core';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { BulletinsService } from '../services/bulletins.service';
import { BulletinDto, BulletinRequestedDto, BulletinSummaryDto } from '../dto/bulletin.response';
import { BulletinListQuery, CreateBulletinDto } from '../dto/bulletin.dto';
import { PDF_MIME } from '../exports/bulletin-pdf';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('bulletins')
export class BulletinsController {
  constructor(private readonly bulletins: BulletinsService) {}

  @Post()
  @HttpCode(202)
  @Roles(Role.Office, Role.Leader)
  @ApiOperation({ summary: 'Ask the worker for a bulletin of one series now (once per series and period)' })
  @ApiAcceptedResponse({ type: BulletinRequestedDto })
  request(@CurrentUser() user: AuthUser, @Body() dto: CreateBulletinDto) {
    return this.bulletins.request(user, dto);
  }

  @Get()
  @ApiOperation({ summary: "A campaign's bulletins issued by or to your units, newest first" })
  @ApiPagedResponse(BulletinSummaryDto)
  list(@CurrentUser() user: AuthUser, @Query() q: BulletinListQuery) {
    return this.bulletins.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One bulletin: ranking, praised, criticised, zero completion' })
  @ApiOkResponse({ type: BulletinDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.bulletins.get(user, id);
  }

  @Get(':id/xlsx')
  @ApiOperation({ summary: 'The bulletin as XLSX' })
  @ApiFileResponse()
  async xlsx(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.bulletins.xlsx(user, id));
  }

  @Get(':id/pdf')
  @ApiOperation({ summary: 'The bulletin as an A4 PDF document: title, 第N期, issuer, date, sentences, ranking tables' })
  @ApiFileResponse(PDF_MIME)
  async pdf(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Res({ passthrough: true }) res: Response) {
    const file = await this.bulletins.pdf(user, id);
    res.set({ 'Content-Type': PDF_MIME, 'Content-Disposition': attachmentNamed(file.fileName) });
    return new StreamableFile(file.buffer);
  }
}
