export * from './notices.types';
export * from './digest';
export * from './notices.service';
export * from './notices.module';
