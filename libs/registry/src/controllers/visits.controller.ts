import { AuthUser, CurrentUser, Role, Roles } from '#core';
import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VisitDto } from '../dto/entry.dto';
import { RegistryVisitDto } from '../dto/entry.response';
import { VisitsService } from '../services/visits.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-visits')
export class VisitsController {
  constructor(private readonly visits: VisitsService) {}

  @Post()
  @Roles(Role.Cadre, Role.UnitManager, Role.Office)
  @ApiOperation({ summary: "Record a visit to a person or employer; the entry's status follows its latest visit" })
  @ApiCreatedResponse({ type: RegistryVisitDto, description: 'the visit recorded (for the same visit posted again: the one already recorded)' })
  record(@CurrentUser() user: AuthUser, @Body() dto: VisitDto) {
    return this.visits.record(user, dto);
  }
}
