import { inject } from 'vitest';
import type { TTestDatabaseOptions } from './test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    /** The database this project's suites run on. */
    dialect: 'sqlite' | 'postgres';
    /** A PostgreSQL superuser URL without a database, when the postgres project runs. */
    postgresUrl: string;
  }
}

/** The real redis-server the global setup started for this run (free port, temp data). */
export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** Which database createTestDatabase should make: SQLite, or PostgreSQL in the postgres project. */
export function testDatabaseOptions(): TTestDatabaseOptions {
  return inject('dialect') === 'postgres' ? { dialect: 'postgres', postgresUrl: inject('postgresUrl') } : { dialect: 'sqlite' };
}
