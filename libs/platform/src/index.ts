export * from './platform.module';
export * from './prepare-database';
export * from './demo/demo-org';
export * from './demo/seed-demo';
