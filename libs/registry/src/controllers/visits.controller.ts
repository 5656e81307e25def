import { AuthUser, CurrentUser, IDEMPOTENCY_HEADER, Role, Roles } from '#core';
import { Body, Controller, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
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
  @ApiCreatedResponse({
    type: RegistryVisitDto,
    description: 'the visit recorded (for the same visit posted again, or the same Idempotency-Key at any later time: the one already recorded)',
  })
  record(@CurrentUser() user: AuthUser, @Body() dto: VisitDto, @Req() req: Request) {
    // the interceptor has checked the key's form (1 to 200 visible ASCII characters); the visit keeps it for good
    return this.visits.record(user, dto, req.header(IDEMPOTENCY_HEADER));
  }
}
