import { Foundation1764000000000 } from './1764000000000-foundation';
import { Campaigns1764000100000 } from './1764000100000-campaigns';
import { AllocationOutOfStep1764000100001 } from './1764000100001-allocation-out-of-step';
import { TaskCadreHolder1764000100002 } from './1764000100002-task-cadre-holder';
import { Notices1764000200000 } from './1764000200000-notices';
import { Registry1764000300000 } from './1764000300000-registry';
import { RegistryCampaignFk1764000300001 } from './1764000300001-registry-campaign-fk';
import { RegistryBulkLoad1764000300002 } from './1764000300002-registry-bulk-load';
import { Progress1764000400000 } from './1764000400000-progress';
import { ProgressLatestAsOf1764000400001 } from './1764000400001-progress-latest-as-of';
import { ProgressRollup1764000400002 } from './1764000400002-progress-rollup';
import { DropProgressLatest1764000400003 } from './1764000400003-drop-progress-latest';
import { Enforcement1764000500000 } from './1764000500000-enforcement';
import { PublicNotices1764000600000 } from './1764000600000-public-notices';
import { RegistryEntryPartitions1764000700000 } from './1764000700000-registry-entry-partitions';
import { ProgressRollupLockOrder1764000800000 } from './1764000800000-progress-rollup-lock-order';
import { AuthSessions1764000900000 } from './1764000900000-auth-sessions';
import { RegistryImportScope1764000910000 } from './1764000910000-registry-import-scope';
import { OneRootTemplatesByUnit1764000920000 } from './1764000920000-one-root-templates-by-unit';
import { OutreachRefToken1764000930000 } from './1764000930000-outreach-ref-token';
import { TaskMetStatus1764001000000 } from './1764001000000-task-met-status';
import { NoticeDigests1764001010000 } from './1764001010000-notice-digests';
import { UnitPathsFollow1764001020000 } from './1764001020000-unit-paths-follow';
import { SettlementMobilised1764001030000 } from './1764001030000-settlement-mobilised';
import { OutcomesByEntryKind1764001030001 } from './1764001030001-outcomes-by-entry-kind';
import { CampaignSettingsSections1764001040000 } from './1764001040000-campaign-settings-sections';
import { OutboxJobIdIndex1764001090000 } from './1764001090000-outbox-job-id-index';
import { RepeatedWrites1764001100000 } from './1764001100000-repeated-writes';
import { JobCompletion1764001110000 } from './1764001110000-job-completion';
import { DeadlineEventSkipped1764001120000 } from './1764001120000-deadline-event-skipped';
import { UnknownLoginFailures1764001190000 } from './1764001190000-unknown-login-failures';
import { SettlementPayoutOnce1764001191000 } from './1764001191000-settlement-payout-once';
import { InstallationEpoch1764001192000 } from './1764001192000-installation-epoch';
import { ZeroTargetMet1764001193000 } from './1764001193000-zero-target-met';
import { IdempotencyHeartbeat1764001194000 } from './1764001194000-idempotency-heartbeat';
import { MetThenUnmet1764001195000 } from './1764001195000-met-then-unmet';
import { ReaderViews1764001200000 } from './1764001200000-reader-views';
import { VisitClientKey1764001210000 } from './1764001210000-visit-client-key';
import { TaskIndicatorViews1764001230000 } from './1764001230000-task-indicator-views';
import { RateOnlyReports1764001240000 } from './1764001240000-rate-only-reports';
import { BulletinSeries1764001250000 } from './1764001250000-bulletin-series';
import { ReportCadence1764001260000 } from './1764001260000-report-cadence';
import { ReportingReminders1764001261000 } from './1764001261000-reporting-reminders';
import { ImportErrorCells1764001270000 } from './1764001270000-import-error-cells';
import { NoPlanTarget1764001280000 } from './1764001280000-no-plan-target';
import { MemberDuties1764001300000 } from './1764001300000-member-duties';
import { LandProjects1764001310000 } from './1764001310000-land-projects';
import { HardshipPeople1764001320000 } from './1764001320000-hardship-people';
import { DepartmentUploads1764001330000 } from './1764001330000-department-uploads';
import { LandVerificationEvents1764001340000 } from './1764001340000-land-verification-events';
import { IndicatorSources1764001341000 } from './1764001341000-indicator-sources';
import { LandVerifyDayUnit1764001350000 } from './1764001350000-land-verify-day-unit';
import { ReminderPlans1764001360000 } from './1764001360000-reminder-plans';
import { NoticeChannels1764001361000 } from './1764001361000-notice-channels';
import { UploadsInDatabase1764001370000 } from './1764001370000-uploads-in-database';
import { RegistryRowHash1764001390000 } from './1764001390000-registry-row-hash';
import { RollupRefreshIdSet1764001390001 } from './1764001390001-rollup-refresh-id-set';

/** Every migration, in order. A new migration file is added here too. */
export const MIGRATIONS = [
  Foundation1764000000000,
  Campaigns1764000100000,
  AllocationOutOfStep1764000100001,
  TaskCadreHolder1764000100002,
  Notices1764000200000,
  Registry1764000300000,
  RegistryCampaignFk1764000300001,
  RegistryBulkLoad1764000300002,
  Progress1764000400000,
  ProgressLatestAsOf1764000400001,
  ProgressRollup1764000400002,
  DropProgressLatest1764000400003,
  Enforcement1764000500000,
  PublicNotices1764000600000,
  RegistryEntryPartitions1764000700000,
  ProgressRollupLockOrder1764000800000,
  AuthSessions1764000900000,
  RegistryImportScope1764000910000,
  OneRootTemplatesByUnit1764000920000,
  OutreachRefToken1764000930000,
  TaskMetStatus1764001000000,
  NoticeDigests1764001010000,
  UnitPathsFollow1764001020000,
  SettlementMobilised1764001030000,
  OutcomesByEntryKind1764001030001,
  CampaignSettingsSections1764001040000,
  OutboxJobIdIndex1764001090000,
  RepeatedWrites1764001100000,
  JobCompletion1764001110000,
  DeadlineEventSkipped1764001120000,
  UnknownLoginFailures1764001190000,
  SettlementPayoutOnce1764001191000,
  InstallationEpoch1764001192000,
  ZeroTargetMet1764001193000,
  IdempotencyHeartbeat1764001194000,
  MetThenUnmet1764001195000,
  ReaderViews1764001200000,
  VisitClientKey1764001210000,
  TaskIndicatorViews1764001230000,
  RateOnlyReports1764001240000,
  BulletinSeries1764001250000,
  ReportCadence1764001260000,
  ReportingReminders1764001261000,
  ImportErrorCells1764001270000,
  NoPlanTarget1764001280000,
  MemberDuties1764001300000,
  LandProjects1764001310000,
  HardshipPeople1764001320000,
  DepartmentUploads1764001330000,
  LandVerificationEvents1764001340000,
  IndicatorSources1764001341000,
  LandVerifyDayUnit1764001350000,
  ReminderPlans1764001360000,
  NoticeChannels1764001361000,
  UploadsInDatabase1764001370000,
  RegistryRowHash1764001390000,
  RollupRefreshIdSet1764001390001,
];
