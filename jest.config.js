/** Three tiers (see DESIGN.md): unit specs beside the code, integration and e2e against real PostgreSQL and Redis. */
const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }];

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@app/(common|config|testing)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  rootDir: '.',
  setupFilesAfterEnv: ['<rootDir>/test/support/preload-nest.ts'],
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
};

/** @type {import('jest').Config} */
export default {
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  // Global, not per project: Jest ignores testTimeout inside `projects`. Integration and e2e boot real servers.
  testTimeout: 30_000,
  // Each test file loads the whole app into a fresh VM context, and those contexts are not all given back (Node's
  // vm modules leak): one process running every file in band ran out of heap. A memory limit makes Jest use a worker
  // even with one core to spare, and restart it between files once it holds more than this.
  workerIdleMemoryLimit: '1GB',
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'] },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    // Not part of `npm test`: `npm run test:reliability` builds the app and runs these against its own cluster.
    { ...shared, displayName: 'reliability', testMatch: ['<rootDir>/test/reliability/**/*.reliability-spec.ts'] },
  ],
};
