export * from './notices.types';
export * from './rules/digest';
export * from './services/notices.service';
export * from './notices.module';
export * from './channels/staff-sms';
export * from './rules/robots';
export * from './services/notice-dispatch.service';
export * from './services/reescalation.service';
