// One jest config: unit specs beside the code, e2e suites under test/.
// @nestjs/* 12 ship as ESM; swc turns them into CommonJS for jest's module loader.
const swc = JSON.parse(require('fs').readFileSync(__dirname + '/.swcrc', 'utf8'));
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { ...swc, swcrc: false }] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|nestjs-pino)/)'],
  moduleNameMapper: { '^#(core|org|platform|notices|outreach|campaigns|progress|registry|enforcement)$': '<rootDir>/libs/$1/src' },
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/helpers/jest-timeouts.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
