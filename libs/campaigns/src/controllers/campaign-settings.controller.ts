import { AuthUser, CurrentUser, ParseIdPipe, Role, Roles } from '#core';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignSettingsDto, ProgressSettingsSectionDto } from '../dto/settings.dto';
import { CampaignSettingsViewDto, ProgressSettingsViewDto } from '../dto/settings.response';
import { CampaignSettingsService } from '../services/campaign-settings.service';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignSettingsController {
  constructor(private readonly settings: CampaignSettingsService) {}

  @Get(':id/settings')
  @ApiOperation({ summary: "A campaign's settings by section: deadlines, escalation, progress, registry, inspection, notices (defaults filled in)" })
  @ApiOkResponse({ type: CampaignSettingsViewDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<CampaignSettingsViewDto> {
    return this.settings.get(user, id);
  }

  @Put(':id/settings')
  @Roles(Role.Office, Role.Leader)
  @ApiOperation({ summary: 'Change the sections and fields given (the rest keep their values); what GET answers may be sent back unchanged' })
  @ApiOkResponse({ type: CampaignSettingsViewDto, description: 'the whole settings as stored now' })
  put(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: CampaignSettingsDto): Promise<CampaignSettingsViewDto> {
    return this.settings.update(user, id, dto);
  }

  @Get(':id/progress-settings')
  @ApiOperation({ summary: 'The progress section of the settings: incentive tiers, bulletin cadence, milestone mode, status band, inspection credits' })
  @ApiOkResponse({ type: ProgressSettingsViewDto })
  async getProgress(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<ProgressSettingsViewDto> {
    return (await this.settings.get(user, id)).progress;
  }

  @Put(':id/progress-settings')
  @Roles(Role.Office, Role.Leader)
  @ApiOperation({ summary: 'Change the progress section (same shape as GET answers); the same as PUT settings with { progress }' })
  @ApiOkResponse({ type: ProgressSettingsViewDto, description: 'the progress section as stored now' })
  async putProgress(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: ProgressSettingsSectionDto,
  ): Promise<ProgressSettingsViewDto> {
    return (await this.settings.update(user, id, { progress: dto }, (f) => f.replace(/^progress\./, ''))).progress;
  }
}
