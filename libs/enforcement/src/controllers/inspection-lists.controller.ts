import { ApiFileResponse, ApiPagedResponse, AuthUser, CurrentUser, ParseIdPipe, Role, Roles, sendXlsx } from '#core';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CompileListDto, DispatchListDto, InspectionListQuery, ListEntryQuery, RemoveEntryDto } from '../dto/inspection-list.dto';
import { CompiledInspectionListDto, DispatchedInspectionListDto, InspectionListDto, ListEntryDto } from '../dto/inspection-list.response';
import { InspectionListsService } from '../services/inspection-lists.service';

@ApiTags('inspection')
@ApiBearerAuth()
@Controller('inspection-lists')
export class InspectionListsController {
  constructor(private readonly lists: InspectionListsService) {}

  @Post()
  @Roles(Role.Office)
  @HttpCode(200)
  @ApiOperation({ summary: 'Compile the key-inspection list (重点检查用人单位名单) of a cutoff from the district submissions; idempotent' })
  @ApiOkResponse({ type: CompiledInspectionListDto })
  compile(@CurrentUser() user: AuthUser, @Body() dto: CompileListDto) {
    return this.lists.compile(user, dto.campaignId, dto.cutoffDate);
  }

  @Get()
  @ApiOperation({ summary: 'Key-inspection lists you may see (office, or departments they were dispatched to)' })
  @ApiPagedResponse(InspectionListDto, 'newest cutoff first')
  list(@CurrentUser() user: AuthUser, @Query() q: InspectionListQuery) {
    return this.lists.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One key-inspection list' })
  @ApiOkResponse({ type: InspectionListDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.lists.get(user, id);
  }

  @Get(':id/entries')
  @ApiOperation({
    summary:
      'Entries of a list: employer, district, town, uninsured headcount, refusals, last visit, cadre; filtered by kept/removed, unit, name or USCC, round',
  })
  @ApiPagedResponse(ListEntryDto, 'removed entries too, by district, most uninsured first')
  entries(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: ListEntryQuery) {
    return this.lists.entries(user, id, q);
  }

  @Get(':id/export')
  @ApiOperation({ summary: 'The list as XLSX with Chinese headers' })
  @ApiFileResponse()
  async export(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.lists.exportXlsx(user, id));
  }

  @Post(':id/entries/:entryId/remove')
  @Roles(Role.Office)
  @HttpCode(200)
  @ApiOperation({ summary: 'Review: take an employer off a list not yet dispatched, with a reason' })
  @ApiOkResponse({ type: ListEntryDto, description: 'the entry, now removed' })
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Param('entryId', ParseIdPipe) entryId: number, @Body() dto: RemoveEntryDto) {
    return this.lists.removeEntry(user, id, entryId, dto.reason);
  }

  @Post(':id/dispatch')
  @Roles(Role.Office)
  @HttpCode(200)
  @ApiOperation({ summary: 'Dispatch the list to departments (labour inspection, audit): one case per employer per department' })
  @ApiOkResponse({ type: DispatchedInspectionListDto })
  dispatch(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: DispatchListDto) {
    return this.lists.dispatch(user, id, dto.departmentIds);
  }
}
