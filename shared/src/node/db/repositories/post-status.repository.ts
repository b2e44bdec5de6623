import type { Transaction } from 'kysely';
import type { TDatabase } from '../database';
import type { DB } from '../schema';
import { isoNow } from '../time';

type TExecutor = TDatabase | Transaction<DB>;

/**
 * Once a post is scheduled its status is derived from its deliveries. Called after every
 * delivery transition; posts in draft or approval states are left alone.
 */
export function derivePostStatus(statuses: string[]): string | undefined {
  if (statuses.length === 0) return undefined;
  const count = (s: string) => statuses.filter((x) => x === s).length;
  const published = count('published');
  if (published === statuses.length) return 'published';
  if (statuses.some((s) => s === 'publishing')) return 'publishing';
  if (statuses.some((s) => s === 'scheduled')) return published > 0 ? 'publishing' : 'scheduled';
  if (count('cancelled') === statuses.length) return 'cancelled';
  if (published > 0) return 'partially_published';
  return 'failed';
}

const DERIVED_FROM = ['scheduled', 'publishing', 'published', 'partially_published', 'failed'];

/**
 * Takes the post's row lock (an update PostgreSQL holds until commit; SQLite serializes writers
 * anyway). Transactions touching a post and its deliveries lock the post first, so two
 * deliveries finishing at once cannot both derive the status from a stale view, nor deadlock.
 */
export async function lockPostRow(trx: TExecutor, postId: string): Promise<void> {
  await trx.updateTable('post').set({ updated_at: isoNow() }).where('id', '=', postId).execute();
}

export async function refreshPostStatus(db: TExecutor, postId: string): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((trx) => refreshPostStatus(trx, postId));
  await lockPostRow(db, postId);
  const rows = await db.selectFrom('delivery').select('status').where('post_id', '=', postId).execute();
  const status = derivePostStatus(rows.map((r) => r.status));
  if (!status) return;
  // Every delivery cancelled cancels the post whatever its state (a draft included).
  const from = status === 'cancelled' ? [...DERIVED_FROM, 'draft', 'pending_approval', 'expired'] : DERIVED_FROM;
  await db
    .updateTable('post')
    .set({ status, updated_at: isoNow() })
    .where('id', '=', postId)
    .where('status', 'in', from)
    .where('status', '!=', status)
    .execute();
}
