import { ApiFileResponse, AuthUser, CurrentUser, sendXlsx } from '#core';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { InvestigationQuery } from '../dto/entry.dto';
import { InvestigationProgressDto, OnsiteEmployerDto } from '../dto/investigation.response';
import { InvestigationService } from '../services/investigation.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-investigation')
export class InvestigationController {
  constructor(private readonly investigation: InvestigationService) {}

  @Get()
  @ApiOperation({ summary: 'Investigation progress per child unit: employers and people issued vs investigated, with rates (seed 002 annex 4)' })
  @ApiOkResponse({ type: InvestigationProgressDto })
  progress(@CurrentUser() user: AuthUser, @Query() q: InvestigationQuery) {
    return this.investigation.progress(user, q.campaignId, q.unitId);
  }

  @Get('onsite-employers')
  @ApiOperation({ summary: 'Employers with 50+ uninsured staff: on-site visit required, and whether it happened' })
  @ApiOkResponse({ type: [OnsiteEmployerDto] })
  onsite(@CurrentUser() user: AuthUser, @Query() q: InvestigationQuery) {
    return this.investigation.onsiteEmployers(user, q.campaignId, q.unitId);
  }

  @Get('export.xlsx')
  @ApiFileResponse()
  @ApiOperation({ summary: 'The progress table and the on-site list as XLSX with Chinese headers' })
  async export(@CurrentUser() user: AuthUser, @Query() q: InvestigationQuery, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.investigation.exportXlsx(user, q.campaignId, q.unitId));
  }
}
