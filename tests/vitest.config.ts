import { defineConfig } from 'vitest/config';
import { postgresBinDir } from './support/private-postgres';

/** Suites that touch the database: they run on SQLite, and again on PostgreSQL when one is installed. */
const DATABASE_SUITES = ['tests/integration/**/*.test.ts', 'worker/src/libraries/deliveries.repository.test.ts', 'worker/src/jobs/sweep.processor.test.ts', 'tests/reliability/multi-process.test.ts'];
const ALL = ['{shared,server,worker,client}/src/**/*.test.{ts,tsx}', 'tests/{integration,e2e,reliability}/**/*.test.ts'];
const withPostgres = postgresBinDir() !== undefined && process.env.SIAR_TEST_POSTGRES !== '0';
if (!withPostgres) console.log('skipped: postgres (no PostgreSQL server installed; the database suites ran on SQLite only)');

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      // The multi-process topology runs on PostgreSQL only, as deployed.
      { extends: true, test: { name: 'sqlite', include: ALL, exclude: ['**/node_modules/**', 'tests/reliability/multi-process.test.ts'], provide: { dialect: 'sqlite' } } },
      ...(withPostgres ? [{ extends: true as const, test: { name: 'postgres', include: DATABASE_SUITES, provide: { dialect: 'postgres' as const } } }] : []),
    ],
  },
});
