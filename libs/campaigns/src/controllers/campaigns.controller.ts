import { ApiFileResponse, ApiPagedResponse, AuthUser, CurrentUser, OptionalIdPipe, Page, ParseIdPipe, Role, Roles, sendXlsx } from '#core';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ActivateCampaignDto, CampaignListQuery, CreateCampaignDto } from '../dto/campaign.dto';
import { CampaignListItemDto, CampaignViewDto } from '../dto/campaign.response';
import { AllocationExportService } from '../services/allocation-export.service';
import { CampaignsService } from '../services/campaigns.service';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly exports: AllocationExportService,
  ) {}

  @Post()
  @Roles(Role.Leader, Role.Office)
  @ApiOperation({ summary: 'Create a campaign (draft) with period, phases, milestones, settings, leadership group, office and indicators' })
  @ApiCreatedResponse({ type: CampaignViewDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCampaignDto): Promise<CampaignViewDto> {
    return this.campaigns.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Campaigns you take part in (run in your scope, above your unit, or as a member)' })
  @ApiPagedResponse(CampaignListItemDto, 'newest first')
  list(@CurrentUser() user: AuthUser, @Query() q: CampaignListQuery): Promise<Page<CampaignListItemDto>> {
    return this.campaigns.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A campaign with phases, milestones, members, indicators and its top-level tasks' })
  @ApiOkResponse({ type: CampaignViewDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<CampaignViewDto> {
    return this.campaigns.get(user, id);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @ApiOperation({ summary: "draft → active: sets the campaign unit's targets (top-level tasks) and starts deadline enforcement" })
  @ApiOkResponse({ type: CampaignViewDto })
  activate(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: ActivateCampaignDto): Promise<CampaignViewDto> {
    return this.campaigns.activate(user, id, dto);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'active → closed: no more reminders or overdue transitions' })
  @ApiOkResponse({ type: CampaignViewDto })
  close(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<CampaignViewDto> {
    return this.campaigns.close(user, id);
  }

  @Get(':id/allocation-table')
  @ApiFileResponse()
  @ApiQuery({ name: 'unitId', required: false, description: "the allocating unit (default: the campaign's unit)" })
  @ApiOperation({ summary: '任务分解表 (XLSX): one unit’s approved split of every indicator, with the total row' })
  async table(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Res({ passthrough: true }) res: Response,
    @Query('unitId', OptionalIdPipe) unitId?: number,
  ) {
    return sendXlsx(res, await this.exports.campaignTable(user, id, unitId));
  }
}
