import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
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

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; compiling the same SQL again costs about as
 * much as running a small indexed query (a tenth of the worker's time in a burst). Statements are
 * kept by their SQL text (Kysely's SQL carries `?` placeholders, never values), oldest dropped
 * first. A statement still being iterated (a streamed query) is never handed out twice.
 */
function withStatementCache(sqlite: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      const cached = cache.get(sqlText);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(sqlText);
      if (!cached) {
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(sqlText, statement);
      }
      return statement;
    },
  };
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
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/** The dialect is chosen from the URL at start; the migrations and queries are the same. */
export function createDatabase(config: TDatabaseConfig): TDatabase {
  if (dialectOf(config.url) === 'sqlite') return openSqlite(config.url);
  const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
  pool.on('error', () => undefined);
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
