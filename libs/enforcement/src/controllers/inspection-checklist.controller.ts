import { ApiFileResponse, ApiPagedResponse, AuthUser, CurrentUser, Role, Roles, sendXlsx } from '#core';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ChecklistExportQuery, ChecklistQuery } from '../dto/inspection-case.dto';
import { ChecklistItemDto } from '../dto/inspection-case.response';
import { InspectionChecklistService } from '../services/inspection-checklist.service';

@ApiTags('inspection')
@ApiBearerAuth()
@Controller('inspection-checklist')
@Roles(Role.Inspector)
export class InspectionChecklistController {
  constructor(private readonly checklist: InspectionChecklistService) {}

  @Get()
  @ApiOperation({ summary: 'Your checklist: open cases assigned to you by due date, with employer details, visits and earlier cases' })
  @ApiPagedResponse(ChecklistItemDto)
  list(@CurrentUser() user: AuthUser, @Query() q: ChecklistQuery) {
    return this.checklist.checklist(user, q);
  }

  @Get('export')
  @ApiOperation({ summary: 'Your checklist for a day in the field, as XLSX' })
  @ApiFileResponse()
  async export(@CurrentUser() user: AuthUser, @Query() q: ChecklistExportQuery, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.checklist.checklistXlsx(user, q.date));
  }
}
