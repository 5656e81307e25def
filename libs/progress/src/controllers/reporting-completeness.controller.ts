import { AuthUser, CurrentUser } from '#core';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReportingCompletenessDto, ReportingCompletenessQuery } from '../dto/reporting-completeness.dto';
import { ReportingCompletenessService } from '../services/reporting-completeness.service';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('reporting-completeness')
export class ReportingCompletenessController {
  constructor(private readonly completeness: ReportingCompletenessService) {}

  @Get()
  @ApiOperation({
    summary:
      "Units in a subtree holding a campaign's tasks that have not reported every indicator since the current reporting period started (progress.reportCadence), laggards first",
  })
  @ApiOkResponse({ type: ReportingCompletenessDto })
  list(@CurrentUser() user: AuthUser, @Query() q: ReportingCompletenessQuery) {
    return this.completeness.list(user, q);
  }
}
