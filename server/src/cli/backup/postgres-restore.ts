import { sql } from 'kysely';
import type { TDatabase } from '@siar/shared/node';
import { pgConnection, pgTool } from './postgres-tools';
import { runCommandOrThrow } from './run-command';

/** Whether the target database already holds tables (then restoring needs --force). */
export async function postgresHasTables(db: TDatabase): Promise<boolean> {
  const { rows } = await sql<{
    n: string | number;
  }>`select count(*) as n from pg_catalog.pg_tables where schemaname = current_schema()`.execute(db);
  return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * pg_restore in one transaction: it either replaces every object of the dump (--clean
 * --if-exists drops them first) or, on any error, leaves the database as it was.
 */
export async function restorePostgres(o: {
  databaseUrl: string;
  dump: string;
  binDir: string | undefined;
  inheritedEnv: NodeJS.ProcessEnv;
}): Promise<void> {
  const connection = pgConnection(o.databaseUrl, o.inheritedEnv);
  const args = [
    '--single-transaction',
    '--exit-on-error',
    '--clean',
    '--if-exists',
    '--no-owner',
    '--no-acl',
    `--dbname=${connection.dbname}`,
    o.dump,
  ];
  await runCommandOrThrow(pgTool('pg_restore', o.binDir), args, { env: connection.env });
}
