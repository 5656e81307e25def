import { AuthUser, CurrentUser, Role, Roles, sendXlsx, XLSX_MIME } from '#core';
import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AssignmentsService } from './assignments.service';
import { AssignDto, EmployerListQuery, InvestigationQuery, PersonListQuery, TownQuery, VisitDto } from './dto/entry.dto';
import { EntriesService } from './entries.service';
import { assertId } from './import/import.controller';
import { InvestigationService } from './investigation.service';
import { VisitsService } from './visits.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-people')
export class PeopleController {
  constructor(private readonly entries: EntriesService) {}

  @Get()
  @ApiOperation({ summary: 'People in your scope (ID numbers and phones masked); mine=true is a cadre\'s "my entries"' })
  list(@CurrentUser() user: AuthUser, @Query() q: PersonListQuery) {
    return this.entries.listPeople(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Full record of a person (unmasked); writes an audit row' })
  detail(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.entries.personDetail(user, assertId(id));
  }

  @Get(':id/visits')
  @ApiOperation({ summary: 'Visit history of a person, newest first' })
  visits(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.entries.visits(user, 'person', assertId(id));
  }

  @Get(':id/assignments')
  @ApiOperation({ summary: 'Assignment history of a person' })
  assignments(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.entries.assignments(user, 'person', assertId(id));
  }
}

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-employers')
export class EmployersController {
  constructor(private readonly entries: EntriesService) {}

  @Get()
  @ApiOperation({ summary: 'Employers in your scope (filters: status, cadre, uninsured, refusals)' })
  list(@CurrentUser() user: AuthUser, @Query() q: EmployerListQuery) {
    return this.entries.listEmployers(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Full record of an employer; writes an audit row' })
  detail(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.entries.employerDetail(user, assertId(id));
  }

  @Get(':id/visits')
  @ApiOperation({ summary: 'Visit history of an employer, newest first' })
  visits(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.entries.visits(user, 'employer', assertId(id));
  }

  @Get(':id/assignments')
  @ApiOperation({ summary: 'Assignment history of an employer' })
  assignments(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.entries.assignments(user, 'employer', assertId(id));
  }
}

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Post()
  @Roles(Role.UnitManager, Role.Office)
  @ApiOperation({ summary: "Assign entries to a cadre: by id, by filter in bulk, or evenly over a village's cadres" })
  assign(@CurrentUser() user: AuthUser, @Body() dto: AssignDto) {
    return this.assignments.assign(user, dto);
  }
}

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-visits')
export class VisitsController {
  constructor(private readonly visits: VisitsService) {}

  @Post()
  @Roles(Role.Cadre, Role.UnitManager, Role.Office)
  @ApiOperation({ summary: "Record a visit to a person or employer; the entry's status follows its latest visit" })
  record(@CurrentUser() user: AuthUser, @Body() dto: VisitDto) {
    return this.visits.record(user, dto);
  }
}

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-police-checks')
export class PoliceChecksController {
  constructor(private readonly entries: EntriesService) {}

  @Get()
  @ApiOperation({ summary: 'Unreachable people of a town: to check household registration at the police station (seed 001)' })
  list(@CurrentUser() user: AuthUser, @Query() q: TownQuery) {
    return this.entries.policeChecks(user, q);
  }
}

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-investigation')
export class InvestigationController {
  constructor(private readonly investigation: InvestigationService) {}

  @Get()
  @ApiOperation({ summary: 'Investigation progress per child unit: employers and people issued vs investigated, with rates (seed 002 annex 4)' })
  progress(@CurrentUser() user: AuthUser, @Query() q: InvestigationQuery) {
    return this.investigation.progress(user, q.campaignId, q.unitId);
  }

  @Get('onsite-employers')
  @ApiOperation({ summary: 'Employers with 50+ uninsured staff: on-site visit required, and whether it happened' })
  onsite(@CurrentUser() user: AuthUser, @Query() q: InvestigationQuery) {
    return this.investigation.onsiteEmployers(user, q.campaignId, q.unitId);
  }

  @Get('export.xlsx')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'The progress table and the on-site list as XLSX with Chinese headers' })
  async export(@CurrentUser() user: AuthUser, @Query() q: InvestigationQuery, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.investigation.exportXlsx(user, q.campaignId, q.unitId));
  }
}
