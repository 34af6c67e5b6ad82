// Unit tests live beside the code (*.spec.ts); e2e tests start the apps and speak real HTTP
// (test/**/*.e2e-spec.ts). WEFT_TEST_INFRA=real runs the same e2e suites on PostgreSQL, Redis and NATS.
const swc = ['@swc/jest', { swcrc: true }];
const moduleNameMapper = { '^@weft/([a-z-]+)$': '<rootDir>/libs/$1/src' };
const common = { transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testTimeout: 60000 },
  ],
};
