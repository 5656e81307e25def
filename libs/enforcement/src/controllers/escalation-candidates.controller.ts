import { AuthUser, CurrentUser } from '#core';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CandidateQuery } from '../dto/escalation.dto';
import { CandidatePageDto } from '../dto/escalation.response';
import { EscalationService } from '../services/escalation.service';

@ApiTags('escalation')
@ApiBearerAuth()
@Controller('escalation-candidates')
export class EscalationCandidatesController {
  constructor(private readonly escalation: EscalationService) {}

  @Get()
  @ApiOperation({ summary: 'Employers that are escalation candidates now (N+ refusals, not enrolled, no open case), for a unit in your scope' })
  @ApiOkResponse({ type: CandidatePageDto })
  list(@CurrentUser() user: AuthUser, @Query() q: CandidateQuery) {
    return this.escalation.candidates(user, q);
  }
}
