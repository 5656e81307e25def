import { ApiPagedResponse, AuthUser, CurrentUser, Role, Roles } from '#core';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertId } from '../dto/assert-id';
import { PersonListQuery } from '../dto/entry.dto';
import { RegistryAssignmentDto, RegistryPersonDetailDto, RegistryPersonDto, RegistryVisitHistoryDto } from '../dto/entry.response';
import { EntriesService } from '../services/entries.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-people')
// the registry's people and employers: never a member department's (it sees its own uploads' counts only)
@Roles(Role.Leader, Role.Office, Role.UnitManager, Role.Cadre, Role.Inspector)
export class PeopleController {
  constructor(private readonly entries: EntriesService) {}

  @Get()
  @ApiOperation({ summary: 'People in your scope (ID numbers and phones masked); mine=true is a cadre\'s "my entries"' })
  @ApiPagedResponse(RegistryPersonDto)
  list(@CurrentUser() user: AuthUser, @Query() q: PersonListQuery) {
    return this.entries.listPeople(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Full record of a person (unmasked); writes an audit row' })
  @ApiOkResponse({ type: RegistryPersonDetailDto })
  detail(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.entries.personDetail(user, assertId(id));
  }

  @Get(':id/visits')
  @ApiOperation({ summary: 'Visit history of a person, newest first' })
  @ApiOkResponse({ type: [RegistryVisitHistoryDto] })
  visits(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.entries.visits(user, 'person', assertId(id));
  }

  @Get(':id/assignments')
  @ApiOperation({ summary: 'Assignment history of a person' })
  @ApiOkResponse({ type: [RegistryAssignmentDto] })
  assignments(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.entries.assignments(user, 'person', assertId(id));
  }
}
