import { ApiPagedResponse, AuthUser, CurrentUser, ParseIdPipe, Role, Roles } from '#core';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CutoffRunQuery, SubmissionEntryQuery, TriggerCutoffDto } from '../dto/escalation.dto';
import { CutoffRunDto, CutoffTriggeredDto, SubmissionEntryDto } from '../dto/escalation.response';
import { EscalationService } from '../services/escalation.service';

@ApiTags('escalation')
@ApiBearerAuth()
@Controller('cutoff-runs')
export class CutoffRunsController {
  constructor(private readonly escalation: EscalationService) {}

  @Get()
  @ApiOperation({ summary: 'District submissions made at cutoffs (the office sees all, a district its own)' })
  @ApiPagedResponse(CutoffRunDto, 'newest cutoff first, by district')
  list(@CurrentUser() user: AuthUser, @Query() q: CutoffRunQuery) {
    return this.escalation.listRuns(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One district submission (its frozen entries: GET /cutoff-runs/:id/entries)' })
  @ApiOkResponse({ type: CutoffRunDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
    return this.escalation.getRun(user, id);
  }

  @Get(':id/entries')
  @ApiOperation({ summary: 'The employers frozen into one district submission, paged and sorted' })
  @ApiPagedResponse(SubmissionEntryDto, 'most refusals first')
  entries(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() q: SubmissionEntryQuery) {
    return this.escalation.runEntries(user, id, q);
  }

  @Post()
  @Roles(Role.Office)
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a due cutoff by hand (office); idempotent: a district that already submitted is not run again' })
  @ApiOkResponse({ type: CutoffTriggeredDto })
  trigger(@CurrentUser() user: AuthUser, @Body() dto: TriggerCutoffDto) {
    return this.escalation.triggerByHand(user, dto.campaignId, dto.cutoffDate);
  }
}
