import { ApiPagedResponse, AuthUser, CurrentUser, Role, Roles } from '#core';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertId } from '../dto/assert-id';
import { EmployerListQuery } from '../dto/entry.dto';
import { RegistryAssignmentDto, RegistryEmployerDetailDto, RegistryEmployerDto, RegistryVisitHistoryDto } from '../dto/entry.response';
import { EntriesService } from '../services/entries.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-employers')
// the registry's people and employers: never a member department's (it sees its own uploads' counts only)
@Roles(Role.Leader, Role.Office, Role.UnitManager, Role.Cadre, Role.Inspector)
export class EmployersController {
  constructor(private readonly entries: EntriesService) {}

  @Get()
  @ApiOperation({ summary: 'Employers in your scope (filters: status, cadre, uninsured, refusals)' })
  @ApiPagedResponse(RegistryEmployerDto)
  list(@CurrentUser() user: AuthUser, @Query() q: EmployerListQuery) {
    return this.entries.listEmployers(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Full record of an employer; writes an audit row' })
  @ApiOkResponse({ type: RegistryEmployerDetailDto })
  detail(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.entries.employerDetail(user, assertId(id));
  }

  @Get(':id/visits')
  @ApiOperation({ summary: 'Visit history of an employer, newest first' })
  @ApiOkResponse({ type: [RegistryVisitHistoryDto] })
  visits(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.entries.visits(user, 'employer', assertId(id));
  }

  @Get(':id/assignments')
  @ApiOperation({ summary: 'Assignment history of an employer' })
  @ApiOkResponse({ type: [RegistryAssignmentDto] })
  assignments(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.entries.assignments(user, 'employer', assertId(id));
  }
}
