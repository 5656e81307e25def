import { ApiProperty } from '@nestjs/swagger';
import {
  BULLETIN_CADENCE_VALUES,
  REPORT_CADENCE_VALUES,
  CampaignSettings,
  DeadlineSettings,
  EscalationSettingsSection,
  EscalationWindowSetting,
  IncentiveTiers,
  InspectionSettings,
  MILESTONE_MODES,
  NoticeSettings,
  ProgressSettingsSection,
  RegistrySettings,
} from '../settings/settings.types';

// What GET .../settings answers: every field present (defaults filled in), the same names and units PUT accepts
// (dto/settings.dto.ts, where every field is optional).

export class DeadlineSettingsViewDto implements DeadlineSettings {
  @ApiProperty({ type: 'integer', isArray: true, example: [7, 3, 1], description: 'days before a deadline or milestone at which the task holder is reminded' })
  reminderOffsetsDays: number[];
  @ApiProperty({ example: false, description: "whether an allocation's lines may add up to more than the parent target (counts and amounts)" })
  allowOverAllocation: boolean;
}

export class EscalationWindowViewDto implements EscalationWindowSetting {
  @ApiProperty({ example: '09-01', description: 'MM-DD (each year of the campaign) or YYYY-MM-DD, the same form as to' }) from: string;
  @ApiProperty({ example: '11-30', description: 'inclusive' }) to: string;
}

export class EscalationSettingsViewDto implements EscalationSettingsSection {
  @ApiProperty({ type: [EscalationWindowViewDto], description: 'cutoff windows ([] for none)' }) windows: EscalationWindowViewDto[];
  @ApiProperty({ example: '17:00', description: 'HH:MM (Asia/Shanghai) of each cutoff' }) time: string;
  @ApiProperty({ type: 'integer', example: 3, description: 'refusals that make an employer an escalation candidate' }) refusalThreshold: number;
  @ApiProperty({ example: false, description: 'a cutoff on a day off: the submission notice waits for the next working day' })
  submissionNoticeOnWorkingDay: boolean;
}

export class IncentiveTiersViewDto implements IncentiveTiers {
  @ApiProperty({ type: 'number', example: 80, description: 'A: % from which X yuan is paid per new enrolee' }) a: number;
  @ApiProperty({ type: 'number', example: 60, description: 'B: below this % no reward and criticism (at most A)' }) b: number;
  @ApiProperty({ type: 'number', example: 20, description: 'X: yuan per new enrolee at ≥ A % and < 100 %' }) x: number;
  @ApiProperty({ type: 'number', example: 30, description: 'Y: yuan per new enrolee at ≥ 100 %' }) y: number;
  @ApiProperty({ type: 'number', example: 10, description: 'Z: yuan deducted per assigned target at zero completion' }) z: number;
}

/** GET /api/campaigns/:id/progress-settings; the progress section of the settings. */
export class ProgressSettingsViewDto implements ProgressSettingsSection {
  @ApiProperty({ type: IncentiveTiersViewDto }) incentives: IncentiveTiersViewDto;
  @ApiProperty({ enum: BULLETIN_CADENCE_VALUES, isArray: true, example: ['biweekly', 'quarterly'], description: 'the bulletin series issued' })
  bulletinCadences: (typeof BULLETIN_CADENCE_VALUES)[number][];
  @ApiProperty({ enum: MILESTONE_MODES, example: 'step', description: 'how the expected (序时) rate runs between milestones' })
  milestoneMode: (typeof MILESTONE_MODES)[number];
  @ApiProperty({ type: 'number', example: 5, description: 'percentage points above the expected rate from which a unit is "ahead"' }) statusBandPct: number;
  @ApiProperty({
    type: 'integer',
    isArray: true,
    example: [],
    description: 'count indicators credited with enrolments of inspection cases closed as rectified, ascending',
  })
  inspectionIndicatorIds: number[];
  @ApiProperty({
    type: 'integer',
    isArray: true,
    example: [],
    description: 'count indicators credited with the registry entries the insured roster closes as enrolled, ascending',
  })
  rosterIndicatorIds: number[];
  @ApiProperty({ enum: REPORT_CADENCE_VALUES, example: 'monthly', description: 'how often units holding tasks report' })
  reportCadence: (typeof REPORT_CADENCE_VALUES)[number];
}

export class RegistrySettingsViewDto implements RegistrySettings {
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-03-02', description: "date ages are counted at (null: the campaign's start)" })
  referenceDate: string | null;
}

export class InspectionSettingsViewDto implements InspectionSettings {
  @ApiProperty({ type: 'integer', example: 15, description: '限期改正: days an inspector gives by default' }) rectificationDays: number;
  @ApiProperty({ type: 'integer', example: 3, description: 'days before a rectification deadline that the inspector is reminded' })
  rectificationReminderDays: number;
  @ApiProperty({ type: 'integer', example: 30, description: "days from dispatch to a case's due date" }) caseDueDays: number;
  @ApiProperty({ enum: ['natural', 'working'], example: 'natural', description: 'rectificationDays counted in natural days (自然日) or working days' })
  dayUnit: 'natural' | 'working';
}

export class NoticeSettingsViewDto implements NoticeSettings {
  @ApiProperty({ example: '09:00', description: 'HH:MM (Asia/Shanghai) at which reminders are sent' }) reminderTime: string;
  @ApiProperty({ example: '21:00', description: 'quiet hours begin (HH:MM): no reminder to the public until quietUntil' }) quietFrom: string;
  @ApiProperty({ example: '08:00', description: 'quiet hours end (HH:MM)' }) quietUntil: string;
  @ApiProperty({ example: true, description: 'quiet hours hold webhook calls too' }) quietForWebhooks: boolean;
}

/** A campaign's settings by section, every field present (defaults filled in): what GET answers may be sent back to PUT unchanged. */
export class CampaignSettingsViewDto implements CampaignSettings {
  @ApiProperty({ type: DeadlineSettingsViewDto }) deadlines: DeadlineSettingsViewDto;
  @ApiProperty({ type: EscalationSettingsViewDto }) escalation: EscalationSettingsViewDto;
  @ApiProperty({ type: ProgressSettingsViewDto }) progress: ProgressSettingsViewDto;
  @ApiProperty({ type: RegistrySettingsViewDto }) registry: RegistrySettingsViewDto;
  @ApiProperty({ type: InspectionSettingsViewDto }) inspection: InspectionSettingsViewDto;
  @ApiProperty({ type: NoticeSettingsViewDto }) notices: NoticeSettingsViewDto;
}
