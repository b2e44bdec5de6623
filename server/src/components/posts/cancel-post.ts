import { AppError, type TPost } from '@siar/shared';
import { appendAuditEvent, refreshPostStatus, type TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { getPost } from './get-post';
import { findPostById } from './posts.repository';

const CANCELLABLE = ['draft', 'scheduled', 'failed', 'unconfirmed', 'missed'];

/** Thrown inside the transaction to roll it back when a worker claimed a delivery first. */
class LostRace extends Error {}
class NothingToCancel extends Error {}

/**
 * Cancels every delivery not yet out, atomically: when one is being published right now the
 * cancel is refused (409) and nothing changes, so a 200 means nothing more will be published.
 * Deliveries already published stay as they are.
 */
export async function cancelPost(o: { db: TDatabase; auth: TAuth; id: string }): Promise<TPost> {
  const post = await findPostById(o.db, o.auth.opdIds, o.id);
  if (!post) throw new AppError('not_found');
  const now = new Date().toISOString();
  try {
    await o.db.transaction().execute(async (trx) => {
      // Write first: the transaction holds the write lock before it reads, so what it reads
      // cannot change under it (SQLite would otherwise refuse to upgrade a stale read).
      await trx.updateTable('post').set({ updated_at: now }).where('id', '=', post.id).execute();
      const all = await trx.selectFrom('delivery').select(['id', 'status']).where('post_id', '=', post.id).execute();
      if (all.some((d) => d.status === 'publishing')) throw new LostRace();
      const open = all.filter((d) => CANCELLABLE.includes(d.status));
      if (open.length === 0) {
        // Already all cancelled: nothing to do. Already out: a cancel cannot take it back.
        if (all.every((d) => d.status === 'cancelled')) return;
        throw new NothingToCancel();
      }
      const r = await trx
        .updateTable('delivery')
        .set({ status: 'cancelled', next_attempt_at: null, updated_at: now })
        .where('post_id', '=', post.id)
        .where('status', 'in', CANCELLABLE)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== open.length) throw new LostRace();
      // A draft, or a post waiting for (or past) approval, has no derived status: cancel it outright.
      await trx.updateTable('post').set({ status: 'cancelled', updated_at: now }).where('id', '=', post.id).where('status', 'in', ['draft', 'scheduled', 'pending_approval', 'expired']).execute();
      await appendAuditEvent(trx, { actorId: o.auth.userId, action: 'post.cancelled', entity: 'post', entityId: post.id, opdId: post.opd_id, details: { deliveries: open.length, previousStatus: post.status } });
    });
  } catch (err) {
    if (err instanceof LostRace) throw new AppError('invalid_transition', { fieldErrors: [{ field: 'status', key: 'publishing_now' }] });
    if (err instanceof NothingToCancel) throw new AppError('invalid_transition');
    throw err;
  }
  await refreshPostStatus(o.db, post.id);
  return getPost({ db: o.db, auth: o.auth, id: post.id });
}
