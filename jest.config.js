import { testFilesOf } from './test/groups/groups.js';
import { POSTGRES_E2E, POSTGRES_ONLY_E2E } from './test/postgres-e2e.js';
import { jestVendor } from './scripts/jest-vendor.mjs';

// Jest runs in ESM mode (NODE_OPTIONS=--experimental-vm-modules, see package.json)
// because NestJS 12 is ESM-only. SWC compiles TypeScript with decorator metadata.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  // Relative imports name the .js tsc writes; three packages of hundreds of modules load as one file each (scripts/jest-vendor.mjs).
  moduleNameMapper: { ...(await jestVendor()), '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': swc },
  testEnvironment: 'node',
};

const withPostgres = process.env.CI === 'true' || process.env.CALUMET_TEST_POSTGRES === '1';
// The whole suite runs most test files in groups, several to a Jest file (test/groups/groups.js says why). Files named
// on the command line (a path, or anything after `--`) run alone, as does every file with CALUMET_TEST_EACH=1.
const args = process.argv.slice(2);
const each = process.env.CALUMET_TEST_EACH === '1' || args.includes('--') || args.some((arg) => !arg.startsWith('-') && /[/.]/.test(arg) && !/^\d/.test(arg));
/** A project's files: each alone (`testMatch`), or its groups (`grouped`). */
const filesFor = ({ testMatch, roots }, grouped) =>
  each ? { roots, testMatch } : { roots: [...new Set([...roots, '<rootDir>/test/groups'])], testMatch: grouped.map((file) => `<rootDir>/${file}`) };
// Chaos and concurrency (test/chaos, `npm run test:chaos`): processes killed, a private Redis restarted, fuzzed input. In `npm test` only with CALUMET_TEST_CHAOS=1 (as .ci/run sets it).
const chaos = process.env.CALUMET_TEST_CHAOS === '1';

export default {
  testTimeout: 30000,
  // Names the run; drops what its workers shared for it (the PostgreSQL template of migrated databases).
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
  // Each test file starts whole apps in its worker: recycle a worker that kept too much of them.
  workerIdleMemoryLimit: '1GB',
  // The longest files first, from the seconds a whole run took (test/groups/sequencer.js), so the workers end together.
  testSequencer: '<rootDir>/test/groups/sequencer.js',
  projects: [
    {
      ...common,
      displayName: 'unit',
      ...filesFor({ roots: ['<rootDir>/src', '<rootDir>/scripts', '<rootDir>/test/groups'], testMatch: ['**/*.spec.ts', '**/*.spec.mjs'] }, testFilesOf('unit')),
    },
    // Services on a real database with only the queue faked (test/medium/harness.ts): no Redis, no HTTP. The home
    // of the rules, so they run on both databases: `medium` on SQLite, `medium-postgres` (with PostgreSQL) on a
    // PostgreSQL database of their own. A file named *.sqlite.medium-spec.ts tests what only SQLite has: `medium` alone.
    {
      ...common,
      displayName: 'medium',
      ...filesFor({ roots: ['<rootDir>/test/medium'], testMatch: ['**/*.medium-spec.ts'] }, testFilesOf('medium', 'sqlite')),
      setupFiles: ['<rootDir>/test/setup/sqlite.ts'],
    },
    {
      ...common,
      displayName: 'e2e-sqlite',
      ...filesFor({ roots: ['<rootDir>/test'], testMatch: ['**/*.e2e-spec.ts'] }, testFilesOf('e2e', 'sqlite')),
      // What exists on PostgreSQL alone (test/postgres-e2e.js says why).
      testPathIgnorePatterns: Object.keys(POSTGRES_ONLY_E2E).map((file) => `<rootDir>/${file}`),
      setupFiles: ['<rootDir>/test/setup/sqlite.ts'],
    },
    ...(withPostgres
      ? [
          {
            ...common,
            displayName: 'medium-postgres',
            ...filesFor({ roots: ['<rootDir>/test/medium'], testMatch: ['**/*.medium-spec.ts'] }, testFilesOf('medium', 'postgres')),
            testPathIgnorePatterns: ['\\.sqlite\\.medium-spec\\.ts$'],
            setupFiles: ['<rootDir>/test/setup/postgres.ts'],
          },
          // Only the e2e files whose behaviour depends on the database (test/postgres-e2e.js says why, file by file).
          {
            ...common,
            displayName: 'e2e-postgres',
            ...filesFor(
              { roots: ['<rootDir>/test'], testMatch: [...Object.keys(POSTGRES_E2E), ...Object.keys(POSTGRES_ONLY_E2E)].map((file) => `<rootDir>/${file}`) },
              testFilesOf('e2e', 'postgres'),
            ),
            setupFiles: ['<rootDir>/test/setup/postgres.ts'],
          },
        ]
      : []),
    ...(chaos
      ? [
          {
            ...common,
            displayName: 'chaos',
            // SQLite unless CALUMET_TEST_DB=postgres.
            ...filesFor({ roots: ['<rootDir>/test/chaos'], testMatch: ['**/*.chaos-spec.ts'] }, testFilesOf('chaos')),
          },
        ]
      : []),
  ],
};
