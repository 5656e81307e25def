export * from './notices.types';
export * from './rules/digest';
export * from './services/notices.service';
export * from './notices.module';
