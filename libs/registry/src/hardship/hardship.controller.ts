import { ApiFileResponse, ApiPagedResponse, AuthUser, CurrentUser, Role, Roles, sendXlsx } from '#core';
import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HardshipBatchDto, HardshipListQuery, HardshipPersonDto, HardshipRatesQuery } from './hardship.dto';
import { HardshipPersonViewDto, HardshipRatesDto, HardshipRecordedDto } from './hardship.response';
import { HardshipService } from './hardship.service';

@ApiTags('hardship')
@ApiBearerAuth()
@Controller('hardship')
export class HardshipController {
  constructor(private readonly hardship: HardshipService) {}

  @Post('people')
  @Roles(Role.Office, Role.UnitManager)
  @ApiOperation({ summary: 'Record a hardship person (低保/特困/重度残疾/低收入) and their registration, payment by the government and benefit' })
  @ApiCreatedResponse({ type: HardshipRecordedDto })
  record(@CurrentUser() user: AuthUser, @Body() dto: HardshipPersonDto) {
    return this.hardship.record(user, dto);
  }

  @Post('people/batch')
  @Roles(Role.Office, Role.UnitManager)
  @ApiOperation({ summary: 'Record up to 500 hardship people: all, or none (a 400 names people[i].field)' })
  @ApiCreatedResponse({ type: HardshipRecordedDto })
  batch(@CurrentUser() user: AuthUser, @Body() dto: HardshipBatchDto) {
    return this.hardship.batch(user, dto);
  }

  @Get('people')
  @Roles(Role.Office, Role.UnitManager, Role.Leader, Role.Cadre)
  @ApiOperation({ summary: 'Hardship people in your scope (ID numbers masked), by category and state' })
  @ApiPagedResponse(HardshipPersonViewDto)
  list(@CurrentUser() user: AuthUser, @Query() q: HardshipListQuery) {
    return this.hardship.list(user, q);
  }

  @Get('rates')
  @Roles(Role.Office, Role.UnitManager, Role.Leader)
  @ApiOperation({ summary: '三个100%: registration, payment and benefit rates of a unit and each child, each over its subtree' })
  @ApiOkResponse({ type: HardshipRatesDto })
  rates(@CurrentUser() user: AuthUser, @Query() q: HardshipRatesQuery) {
    return this.hardship.rates(user, q);
  }

  @Get('rates.xlsx')
  @Roles(Role.Office, Role.UnitManager, Role.Leader)
  @ApiFileResponse()
  @ApiOperation({ summary: '三个100% of a unit and each child as XLSX with Chinese headers (rates as percent cells)' })
  async ratesXlsx(@CurrentUser() user: AuthUser, @Query() q: HardshipRatesQuery, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.hardship.ratesXlsx(user, q));
  }
}
