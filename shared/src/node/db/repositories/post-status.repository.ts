import type { Transaction } from 'kysely';
import { appendAuditEvent } from '../../audit/append-audit-event';
import { notify } from '../../notifications/notify';
import type { TDatabase } from '../database';
import type { DB } from '../schema';
import { reusableQuery } from '../reusable-query';
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
  await touchPost.execute(trx, { postId, now: isoNow() });
}

const touchPost = reusableQuery((db, v: { postId: string; now: string }) => db.updateTable('post').set({ updated_at: v.now }).where('id', '=', v.postId));

/** `postLocked`: the caller's transaction took the post's row lock already (lockPostRow). */
export async function refreshPostStatus(db: TExecutor, postId: string, o: { postLocked?: boolean } = {}): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((trx) => refreshPostStatus(trx, postId, o));
  if (!o.postLocked) await lockPostRow(db, postId);
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

/** A post in one of these states is never published, whatever its deliveries say (claim-time check). */
export const UNPUBLISHABLE_POST_STATUSES = ['pending_approval', 'expired'] as const;

/**
 * A post still waiting for approval when its time comes is never published: it becomes
 * `expired` (its deliveries stay unqueued drafts), with an audit event and a notification to its
 * author, who may reschedule it (and so submit it again). Conditional on the post still
 * pending and due, so a concurrent approval or edit wins or loses as a whole. Answers whether
 * this call expired it.
 */
export async function expirePendingPost(db: TExecutor, o: { postId: string; now: Date }): Promise<boolean> {
  if (!db.isTransaction) return db.transaction().execute((trx) => expirePendingPost(trx, o));
  const at = o.now.toISOString();
  const result = await db
    .updateTable('post')
    .set({ status: 'expired', updated_at: at })
    .where('id', '=', o.postId)
    .where('status', '=', 'pending_approval')
    .where('scheduled_at', '<=', at)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  const post = await db
    .selectFrom('post')
    .select(['opd_id', 'author_id', 'scheduled_at', 'text'])
    .where('id', '=', o.postId)
    .executeTakeFirstOrThrow();
  await notify(
    db,
    { userIds: [post.author_id] },
    {
      kind: 'post_expired',
      opdId: post.opd_id,
      postId: o.postId,
      params: { excerpt: post.text.slice(0, 80), scheduledAt: post.scheduled_at ?? '' },
    },
  );
  await appendAuditEvent(db, {
    actorId: null,
    action: 'post.expired',
    entity: 'post',
    entityId: o.postId,
    opdId: post.opd_id,
    details: { scheduledAt: post.scheduled_at, reason: 'not_approved_in_time' },
  });
  return true;
}

/**
 * Sweeper step: every post still pending approval whose time has passed expires. Bounded by the
 * (status, scheduled_at) index and `limit`; the next sweep takes the rest, oldest first.
 */
export async function expireOverduePendingPosts(db: TDatabase, o: { now: Date; limit: number }): Promise<string[]> {
  const due = await db
    .selectFrom('post')
    .select('id')
    .where('status', '=', 'pending_approval')
    .where('scheduled_at', '<=', o.now.toISOString())
    .orderBy('scheduled_at')
    .limit(o.limit)
    .execute();
  const expired: string[] = [];
  for (const { id } of due) if (await expirePendingPost(db, { postId: id, now: o.now })) expired.push(id);
  return expired;
}
