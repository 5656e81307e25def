import { ApiFileResponse, ApiPagedResponse, AuthUser, CurrentUser, ParseIdPipe, Role, Roles, sendXlsx } from '#core';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateSettlementDto, SettlementLineQuery, SettlementListQuery } from '../dto/progress.dto';
import { SettlementDetailDto, SettlementDto, SettlementLineDto } from '../dto/settlement.response';
import { SettlementsService } from '../services/settlements.service';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('settlements')
@Roles(Role.Office, Role.Leader)
export class SettlementsController {
  constructor(private readonly settlements: SettlementsService) {}

  @Post()
  @ApiOperation({ summary: 'Settle rewards and penalties of a task subtree now (returns the stored one if the period is settled)' })
  @ApiCreatedResponse({ type: SettlementDetailDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateSettlementDto) {
    return this.settlements.create(user, dto.taskId, dto.asOf);
  }

  @Get()
  @ApiOperation({ summary: "A campaign's settlements" })
  @ApiPagedResponse(SettlementDto, 'newest first unless sorted, without their lines')
  list(@CurrentUser() user: AuthUser, @Query() q: SettlementListQuery) {
    return this.settlements.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One settlement without its lines (a page of them: GET /settlements/{id}/lines)' })
  @ApiOkResponse({ type: SettlementDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.settlements.summary(user, id);
  }

  @Get(':id/lines')
  @ApiOperation({ summary: "A page of one settlement's lines, filtered by unit subtree and tier" })
  @ApiPagedResponse(SettlementLineDto, 'in computed order (the tree top-down) unless sorted')
  lines(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: SettlementLineQuery) {
    return this.settlements.lines(user, id, q);
  }

  @Post(':id/recompute')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recompute a draft settlement (409 once confirmed)' })
  @ApiOkResponse({ type: SettlementDetailDto })
  recompute(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.settlements.recompute(user, id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm a settlement: frozen from then on' })
  @ApiOkResponse({ type: SettlementDetailDto })
  confirm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.settlements.confirm(user, id);
  }

  @Get(':id/xlsx')
  @ApiOperation({ summary: 'The settlement as XLSX' })
  @ApiFileResponse()
  async xlsx(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.settlements.xlsx(user, id));
  }
}
