import { AuthUser, CurrentUser, Role, Roles } from '#core';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AssignDto, CadreListQuery } from '../dto/entry.dto';
import { RegistryAssignResultDto, RegistryCadreDto } from '../dto/entry.response';
import { AssignmentsService } from '../services/assignments.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Post()
  @Roles(Role.UnitManager, Role.Office)
  @ApiOperation({ summary: "Assign entries to a cadre: by id, by filter in bulk, or evenly over a village's cadres" })
  @ApiCreatedResponse({ type: RegistryAssignResultDto })
  assign(@CurrentUser() user: AuthUser, @Body() dto: AssignDto) {
    return this.assignments.assign(user, dto);
  }

  @Get('cadres')
  @Roles(Role.UnitManager, Role.Office)
  @ApiOperation({ summary: "The active cadres of a unit and below (default your unit), who can be given its entries, with each one's load" })
  @ApiOkResponse({ type: [RegistryCadreDto] })
  cadres(@CurrentUser() user: AuthUser, @Query() q: CadreListQuery) {
    return this.assignments.cadres(user, q.unitId ?? user.orgUnitId, q.campaignId ?? null);
  }
}
