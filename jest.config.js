// Unit tests live beside the code (*.spec.ts); e2e tests start the apps and speak real HTTP
// (test/**/*.e2e-spec.ts). WEFT_TEST_INFRA=real runs the same e2e suites on PostgreSQL, Redis and NATS.
const swc = ['@swc/jest', { swcrc: true }];
const moduleNameMapper = { '^@weft/([a-z-]+)$': '<rootDir>/libs/$1/src' };
// jose 6 ships ESM only; Node 20.19 loads it natively, Jest's CommonJS runtime needs it transformed.
const common = {
  transform: {
    '^.+\\.ts$': swc,
    '^.+/node_modules/jose/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testTimeout: 60000 },
    // Headless Chromium renders /docs and /docs/contracts: `npm run test:docs` (needs /usr/bin/chromium).
    { ...common, displayName: 'docs', testMatch: ['<rootDir>/test/**/*.docs-spec.ts'], testTimeout: 120000 },
    { ...common, displayName: 'tryton', testMatch: ['<rootDir>/test/tryton/**/*.tryton-spec.ts'], testTimeout: 120000 },
  ],
};
