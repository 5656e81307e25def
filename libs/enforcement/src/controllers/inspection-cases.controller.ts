import { ApiPagedResponse, AuthUser, CurrentUser, ParseIdPipe, Role, Roles } from '#core';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AssignCaseDto, AssignEvenlyDto, CaseOutcomeDto, CaseQuery } from '../dto/inspection-case.dto';
import { AssignEvenlyResultDto, CaseDetailDto, CaseDto, CaseListItemDto } from '../dto/inspection-case.response';
import { CaseOutcomesService } from '../services/case-outcomes.service';
import { InspectionCasesService } from '../services/inspection-cases.service';

@ApiTags('inspection')
@ApiBearerAuth()
@Controller('inspection-cases')
export class InspectionCasesController {
  constructor(
    private readonly cases: InspectionCasesService,
    private readonly outcomes: CaseOutcomesService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Cases you may see (your department, assigned to you, or employers in your unit)' })
  @ApiPagedResponse(CaseListItemDto, 'open before closed, by due date')
  list(@CurrentUser() user: AuthUser, @Query() q: CaseQuery) {
    return this.cases.list(user, q);
  }

  @Post('assign-evenly')
  @Roles(Role.UnitManager)
  @HttpCode(200)
  @ApiOperation({ summary: 'Department manager: spread the unassigned open cases (of one dispatched list, if given) evenly over the inspectors' })
  @ApiOkResponse({ type: AssignEvenlyResultDto })
  assignEvenly(@CurrentUser() user: AuthUser, @Body() dto: AssignEvenlyDto) {
    return this.cases.assignEvenly(user, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: "One case with the employer's visit history, earlier cases and the case history" })
  @ApiOkResponse({ type: CaseDetailDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.cases.get(user, id);
  }

  @Post(':id/assign')
  @Roles(Role.UnitManager)
  @HttpCode(200)
  @ApiOperation({ summary: 'Department manager: assign a case to an inspector' })
  @ApiOkResponse({ type: CaseDto })
  assign(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: AssignCaseDto) {
    return this.cases.assign(user, id, dto.inspectorId);
  }

  @Post(':id/outcomes')
  @Roles(Role.Inspector, Role.UnitManager)
  @HttpCode(200)
  @ApiOperation({ summary: 'Record an outcome: visited, rectification_ordered (限期改正), rectified, referred_to_tax, penalised, closed' })
  @ApiOkResponse({ type: CaseDto })
  outcome(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: CaseOutcomeDto) {
    return this.outcomes.recordOutcome(user, id, dto);
  }
}
