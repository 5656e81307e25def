import { ApiPagedResponse, AuthUser, CurrentUser } from '#core';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreditsService } from '../services/credits.service';
import { CreditDto } from '../dto/credit.response';
import { CreditListQuery } from '../dto/progress.dto';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('progress-credits')
export class CreditsController {
  constructor(private readonly credits: CreditsService) {}

  @Get()
  @ApiOperation({ summary: "A campaign's credits (enrolments from inspection cases closed as rectified) in your scope, newest first" })
  @ApiPagedResponse(CreditDto)
  list(@CurrentUser() user: AuthUser, @Query() q: CreditListQuery) {
    return this.credits.list(user, q);
  }
}
