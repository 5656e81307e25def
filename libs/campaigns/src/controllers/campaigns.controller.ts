import { ApiFileResponse, ApiPagedResponse, AuthUser, CurrentUser, OptionalIdPipe, Page, ParseIdPipe, Role, Roles, sendXlsx } from '#core';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ActivateCampaignDto, CampaignListQuery, CreateCampaignDto, UpdateCampaignDto } from '../dto/campaign.dto';
import { CampaignListItemDto, CampaignViewDto } from '../dto/campaign.response';
import { CampaignSettingsViewDto } from '../dto/settings.response';
import { AllocationExportService } from '../services/allocation-export.service';
import { CampaignDraftsService } from '../services/campaign-drafts.service';
import { CampaignSettingsService } from '../services/campaign-settings.service';
import { CampaignsService } from '../services/campaigns.service';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly exports: AllocationExportService,
    private readonly drafts: CampaignDraftsService,
    private readonly settings: CampaignSettingsService,
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

  // before :id, which would take the word for an id
  @Get('settings-defaults')
  @ApiOperation({ summary: 'The settings a new campaign starts with, by section (what POST writes for every setting left out)' })
  @ApiOkResponse({ type: CampaignSettingsViewDto })
  settingsDefaults(): CampaignSettingsViewDto {
    return this.settings.defaults();
  }

  @Get(':id')
  @ApiOperation({ summary: 'A campaign with phases, milestones, members, indicators and its top-level tasks' })
  @ApiOkResponse({ type: CampaignViewDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<CampaignViewDto> {
    return this.campaigns.get(user, id);
  }

  @Put(':id')
  @Roles(Role.Leader, Role.Office)
  @ApiOperation({
    summary:
      'Edit a draft campaign: name, period, office, and each list given (phases, milestones, members, indicators by code) replaced; settings merged. 409 once it is active or closed',
  })
  @ApiOkResponse({ type: CampaignViewDto })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateCampaignDto): Promise<CampaignViewDto> {
    return this.drafts.update(user, id, dto);
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
