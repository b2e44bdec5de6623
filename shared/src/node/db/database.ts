import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import type { DB } from './schema';

export type TDatabase = Kysely<DB>;
export type TDialectName = 'sqlite' | 'postgres';

export interface TDatabaseConfig {
  /** `postgres://…` for PostgreSQL; `sqlite:<path>` or a plain file path for SQLite. */
  url: string;
  /** PostgreSQL pool size per process. */
  poolSize?: number;
}

export function dialectOf(url: string): TDialectName {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/**
 * SQLite runs in WAL with synchronous=FULL: a claim must survive a power cut once committed,
 * or the delivery could be published again after a restart.
 */
function openSqlite(url: string): TDatabase {
  const file = url.replace(/^sqlite:/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** The dialect is chosen from the URL at start; the migrations and queries are the same. */
export function createDatabase(config: TDatabaseConfig): TDatabase {
  if (dialectOf(config.url) === 'sqlite') return openSqlite(config.url);
  const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
  pool.on('error', () => undefined);
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
