import { ApiFileResponse, ApiPagedResponse, AuthUser, CurrentUser, sendXlsx } from '#core';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { InvestigationQuery } from '../dto/entry.dto';
import { InvestigationListQuery, OnsiteListQuery } from '../dto/investigation.dto';
import { InvestigationProgressDto, OnsiteEmployerDto } from '../dto/investigation.response';
import { InvestigationService } from '../services/investigation.service';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('registry-investigation')
export class InvestigationController {
  constructor(private readonly investigation: InvestigationService) {}

  @Get()
  @ApiOperation({
    summary: 'Investigation progress per child unit, paged and sorted: employers and people issued vs investigated, with rates (seed 002 annex 4)',
  })
  @ApiOkResponse({ type: InvestigationProgressDto })
  progress(@CurrentUser() user: AuthUser, @Query() q: InvestigationListQuery) {
    return this.investigation.progress(user, q);
  }

  @Get('onsite-employers')
  @ApiOperation({ summary: 'Employers with 50+ uninsured staff: on-site visit required, and whether it happened' })
  @ApiPagedResponse(OnsiteEmployerDto)
  onsite(@CurrentUser() user: AuthUser, @Query() q: OnsiteListQuery) {
    return this.investigation.onsiteEmployers(user, q);
  }

  @Get('export.xlsx')
  @ApiFileResponse()
  @ApiOperation({ summary: 'The progress table and the on-site list as XLSX with Chinese headers' })
  async export(@CurrentUser() user: AuthUser, @Query() q: InvestigationQuery, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.investigation.exportXlsx(user, q.campaignId, q.unitId));
  }
}
