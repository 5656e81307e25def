export * from './platform.module';
export * from './prepare-database';
export { DEMO_PASSWORD, DEPARTMENTS, seedDemoOrg } from '#org';
export type { DemoLogin } from '#org';
export * from './demo/seed-demo';
