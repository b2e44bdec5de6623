import { PostgresAdapter, sql } from 'kysely';
import type { TDatabase } from './database';

/**
 * A cheap token that differs whenever committed data may differ (false changes are fine,
 * missed changes are not), to label answers computed from the database.
 *
 * Contract: a reader takes the version BEFORE its queries. A commit that lands between the
 * version read and the queries makes the answer newer than its label, and the next reader sees
 * a new version and recomputes: a commit always moves the version once it is visible, and the
 * version never moves ahead of what a later query sees.
 *
 * - SQLite: `total_changes()` counts the rows written by this connection (the server's only
 *   one, so every write of this process), `data_version` moves when ANOTHER connection commits
 *   (the worker, a CLI). Read through Kysely, it waits for a transaction of this connection.
 * - PostgreSQL: the current snapshot (`xmin:xmax:xids in progress`). Two equal snapshots see the
 *   same committed transactions, and a transaction leaves the in-progress set exactly when it
 *   becomes visible. Not the WAL position (`pg_current_wal_lsn()`): it moves when the commit
 *   record is written, which can come before visibility (waiting for a synchronous standby: an
 *   answer read in between keeps old rows under the final LSN until the next write) or after it
 *   (`synchronous_commit = off`, as commitWithoutFsync: old answers for up to the WAL writer's delay).
 */
export async function dataVersion(db: TDatabase): Promise<string> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const query = isPostgres
    ? sql<{ v: string }>`select pg_current_snapshot()::text as v`
    : sql<{ v: string }>`select total_changes() || '.' || (select data_version from pragma_data_version()) as v`;
  const { rows } = await query.execute(db);
  return rows[0]!.v;
}
