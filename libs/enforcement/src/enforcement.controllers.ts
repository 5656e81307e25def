import { AuthUser, CurrentUser, PageQuery, ParseIdPipe, Role, Roles, sendXlsx, XLSX_MIME } from '#core';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CandidateQuery, CutoffRunQuery, TriggerCutoffDto } from './dto/escalation.dto';
import { AssignCaseDto, AssignEvenlyDto, CaseOutcomeDto, CaseQuery, ChecklistExportQuery, ChecklistQuery } from './dto/inspection-case.dto';
import { CompileListDto, DispatchListDto, InspectionListQuery, RemoveEntryDto } from './dto/inspection-list.dto';
import { EscalationService } from './escalation.service';
import { InspectionCasesService } from './inspection-cases.service';
import { InspectionListsService } from './inspection-lists.service';

@ApiTags('escalation')
@ApiBearerAuth()
@Controller('escalation-candidates')
export class EscalationCandidatesController {
  constructor(private readonly escalation: EscalationService) {}

  @Get()
  @ApiOperation({ summary: 'Employers that are escalation candidates now (N+ refusals, not enrolled, no open case), for a unit in your scope' })
  list(@CurrentUser() user: AuthUser, @Query() q: CandidateQuery) {
    return this.escalation.candidates(user, q);
  }
}

@ApiTags('escalation')
@ApiBearerAuth()
@Controller('cutoff-runs')
export class CutoffRunsController {
  constructor(private readonly escalation: EscalationService) {}

  @Get()
  @ApiOperation({ summary: 'District submissions made at cutoffs (the office sees all, a district its own)' })
  list(@CurrentUser() user: AuthUser, @Query() q: CutoffRunQuery) {
    return this.escalation.listRuns(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One district submission with its frozen entries' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.escalation.getRun(user, id);
  }

  @Post()
  @Roles(Role.Office)
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a due cutoff by hand (office); idempotent: a district that already submitted is not run again' })
  trigger(@CurrentUser() user: AuthUser, @Body() dto: TriggerCutoffDto) {
    return this.escalation.triggerByHand(user, dto.campaignId, dto.cutoffDate);
  }
}

@ApiTags('inspection')
@ApiBearerAuth()
@Controller('inspection-lists')
export class InspectionListsController {
  constructor(private readonly lists: InspectionListsService) {}

  @Post()
  @Roles(Role.Office)
  @HttpCode(200)
  @ApiOperation({ summary: 'Compile the key-inspection list (重点检查用人单位名单) of a cutoff from the district submissions; idempotent' })
  compile(@CurrentUser() user: AuthUser, @Body() dto: CompileListDto) {
    return this.lists.compile(user, dto.campaignId, dto.cutoffDate);
  }

  @Get()
  @ApiOperation({ summary: 'Key-inspection lists you may see (office, or departments they were dispatched to)' })
  list(@CurrentUser() user: AuthUser, @Query() q: InspectionListQuery) {
    return this.lists.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One key-inspection list' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.lists.get(user, id);
  }

  @Get(':id/entries')
  @ApiOperation({ summary: 'Entries of a list: employer, district, town, uninsured headcount, refusals, last visit, cadre' })
  entries(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: PageQuery) {
    return this.lists.entries(user, id, q);
  }

  @Get(':id/export')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'The list as XLSX with Chinese headers' })
  async export(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.lists.exportXlsx(user, id));
  }

  @Post(':id/entries/:entryId/remove')
  @Roles(Role.Office)
  @HttpCode(200)
  @ApiOperation({ summary: 'Review: take an employer off a list not yet dispatched, with a reason' })
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Param('entryId', ParseIdPipe) entryId: number, @Body() dto: RemoveEntryDto) {
    return this.lists.removeEntry(user, id, entryId, dto.reason);
  }

  @Post(':id/dispatch')
  @Roles(Role.Office)
  @HttpCode(200)
  @ApiOperation({ summary: 'Dispatch the list to departments (labour inspection, audit): one case per employer per department' })
  dispatch(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: DispatchListDto) {
    return this.lists.dispatch(user, id, dto.departmentIds);
  }
}

@ApiTags('inspection')
@ApiBearerAuth()
@Controller('inspection-cases')
export class InspectionCasesController {
  constructor(private readonly cases: InspectionCasesService) {}

  @Get()
  @ApiOperation({ summary: 'Cases you may see (your department, assigned to you, or employers in your unit)' })
  list(@CurrentUser() user: AuthUser, @Query() q: CaseQuery) {
    return this.cases.list(user, q);
  }

  @Post('assign-evenly')
  @Roles(Role.UnitManager)
  @HttpCode(200)
  @ApiOperation({ summary: 'Department manager: spread the unassigned open cases evenly over the inspectors' })
  assignEvenly(@CurrentUser() user: AuthUser, @Body() dto: AssignEvenlyDto) {
    return this.cases.assignEvenly(user, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: "One case with the employer's visit history, earlier cases and the case history" })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.cases.get(user, id);
  }

  @Post(':id/assign')
  @Roles(Role.UnitManager)
  @HttpCode(200)
  @ApiOperation({ summary: 'Department manager: assign a case to an inspector' })
  assign(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: AssignCaseDto) {
    return this.cases.assign(user, id, dto.inspectorId);
  }

  @Post(':id/outcomes')
  @Roles(Role.Inspector, Role.UnitManager)
  @HttpCode(200)
  @ApiOperation({ summary: 'Record an outcome: visited, rectification_ordered (限期改正), rectified, referred_to_tax, penalised, closed' })
  outcome(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: CaseOutcomeDto) {
    return this.cases.recordOutcome(user, id, dto);
  }
}

@ApiTags('inspection')
@ApiBearerAuth()
@Controller('inspection-checklist')
@Roles(Role.Inspector)
export class InspectionChecklistController {
  constructor(private readonly cases: InspectionCasesService) {}

  @Get()
  @ApiOperation({ summary: 'Your checklist: open cases assigned to you by due date, with employer details, visits and earlier cases' })
  list(@CurrentUser() user: AuthUser, @Query() q: ChecklistQuery) {
    return this.cases.checklist(user, q);
  }

  @Get('export')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'Your checklist for a day in the field, as XLSX' })
  async export(@CurrentUser() user: AuthUser, @Query() q: ChecklistExportQuery, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.cases.checklistXlsx(user, q.date));
  }
}
