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
export { seedDemoCampaign } from './demo/demo-campaign';
