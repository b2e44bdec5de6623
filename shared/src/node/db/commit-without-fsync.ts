import { PostgresAdapter, sql, type Transaction } from 'kysely';
import type { TDatabase } from './database';
import type { DB } from './schema';

/**
 * A transaction whose commit must survive a crash of the process but not a power cut: the
 * commit returns before the log reaches the disk; a later flushed commit (or checkpoint) takes it
 * there. Only for writes whose loss the publishing protocol already recovers from, such as a
 * publish outcome: lost, the delivery is still `publishing` under an expiring lease, exactly as
 * after a crash between the platform's answer and the commit, and read-back finds the post. A
 * claim must never use it (lost, the delivery would be published again).
 *
 * SQLite (WAL): `synchronous = NORMAL` for this one commit, FULL again right after; the
 * connection is held throughout, so no other statement runs in between. PostgreSQL:
 * `synchronous_commit = off` for this transaction only.
 */
export async function commitWithoutFsync<T>(db: TDatabase, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = off`.execute(trx);
      return fn(trx);
    });
  }
  return db.connection().execute(async (connection) => {
    await sql`pragma synchronous = NORMAL`.execute(connection);
    try {
      return await connection.transaction().execute(fn);
    } finally {
      await sql`pragma synchronous = FULL`.execute(connection);
    }
  });
}
