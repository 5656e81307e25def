// The campaigns library's public face: what other libraries (and the e2e suites) may import.
export * from './campaigns.module';
export * from './campaigns.types';
export * from './settings/settings.types';
export * from './settings/settings.defaults';
export * from './dto/settings.dto';
export { mergeCampaignSettings, readCampaignSettings, sectionErrors, settingSql } from './rules/read-settings';
export * from './readers/campaign-reader';
export { DeadlinesService } from './services/deadlines.service';
export { LandDeadlines } from './land/land-deadlines';
export { TaskAttainment } from './repositories/task-attainment.repository';
export { DutiesService } from './duties/duties.service';
export { DUTY_CATALOGUE, UPLOAD_DATA_KINDS, UPLOAD_DATA_KIND_LABELS } from './duties/duty-catalogue';
export type { DutyCode, UploadDataKind } from './duties/duty-catalogue';
export { seedDemoCampaign } from './demo/demo-campaign';
