// Native ESM jest with swc: decorator metadata is emitted (Nest DI and TypeORM need it),
// and workspace packages resolve to their TypeScript sources so tests never run stale builds.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@lagebild/shared$': '<rootDir>/shared/src/index.ts',
    '^@lagebild/shared/collab-client$': '<rootDir>/shared/src/collab-client/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: [
    '<rootDir>/shared/src/**/*.spec.ts',
    '<rootDir>/server/src/**/*.spec.ts',
    '<rootDir>/seeds/**/*.spec.ts',
    '<rootDir>/client/src/**/*.spec.ts',
    '<rootDir>/test/**/*.test.ts',
  ],
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.data/'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/helpers/global-setup.mjs',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.mjs',
  reporters: ['default', '<rootDir>/test/helpers/summary-reporter.js'],
};
