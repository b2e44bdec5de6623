import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DB } from './schema';

export type TDatabase = Kysely<DB>;

export interface TDatabaseConfig {
  /** `sqlite:<path>` or a plain file path. */
  url: string;
}

/**
 * Opens the database. SQLite runs in WAL with synchronous=FULL: a claim must survive a power
 * cut once committed, or the delivery could be published again after a restart.
 */
export function createDatabase(config: TDatabaseConfig): TDatabase {
  const file = config.url.replace(/^sqlite:/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
}
