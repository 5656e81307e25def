import { AuthUser, CurrentUser, Role, Roles } from '#core';
import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AssignDto } from '../dto/entry.dto';
import { RegistryAssignResultDto } from '../dto/entry.response';
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
}
