export * from './rules/cutoffs';
export * from './rules/escalation-settings';
export * from './escalation.service';
export * from './inspection-lists.service';
export * from './inspection-cases.service';
export * from './enforcement.scheduler';
export * from './enforcement.module';
export * from './demo-enforcement';
