import { randomUUID } from 'node:crypto';
import { AppError, type TPost } from '@siar/shared';
import { appendAuditEvent, notify, type TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import type { TPublishScheduler } from '../../libraries/queue/publish-scheduler';
import type { TNotificationMailer } from '../notifications/notification-mailer';
import { getPost } from '../posts/get-post';
import { findPostById } from '../posts/posts.repository';
import { canReview } from './approval-policy';

/** Thrown inside the transaction to roll it back when another decision or an edit came first. */
class LostRace extends Error {}

export type TDecision = { decision: 'approved'; revision: number } | { decision: 'rejected'; revision: number; comment: string };

export interface TDecideOptions {
  db: TDatabase;
  scheduler: TPublishScheduler;
  mailer?: TNotificationMailer | undefined;
  auth: TAuth;
  id: string;
  input: TDecision;
  now?: Date;
}

/**
 * A supervisor's or admin's decision on a pending post, for the revision they looked at. One
 * conditional update on (status = pending_approval, revision) decides: of two reviewers acting
 * at once one wins, the other gets 409 and nothing of theirs is written. Approved with the time
 * still ahead: scheduled, its deliveries scheduled and queued. Approved too late: expired (never
 * published). Rejected: back to its author as a draft (no time), with the comment.
 */
export async function decidePost(o: TDecideOptions): Promise<TPost> {
  const { db, auth, input } = o;
  if (!canReview(auth)) throw new AppError('forbidden');
  const post = await findPostById(db, null, o.id);
  if (!post) throw new AppError('not_found');
  if (post.revision !== input.revision)
    throw new AppError('conflict', {
      fieldErrors: [{ field: 'revision', key: post.status === 'pending_approval' ? 'post_changed' : 'already_decided' }],
    });
  if (post.status !== 'pending_approval')
    throw new AppError('invalid_transition', { fieldErrors: [{ field: 'status', key: 'not_pending_approval' }] });

  const now = o.now ?? new Date();
  const iso = now.toISOString();
  const approved = input.decision === 'approved';
  const inTime = post.scheduled_at !== null && post.scheduled_at > iso;
  const status = approved ? (inTime ? 'scheduled' : 'expired') : 'draft';
  const revision = post.revision + 1;
  let queued: { id: string }[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('post')
        .set({ status, revision, updated_at: iso, ...(approved ? {} : { scheduled_at: null }) })
        .where('id', '=', post.id)
        .where('status', '=', 'pending_approval')
        .where('revision', '=', post.revision)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new LostRace();
      // The deliveries waited as unqueued drafts; only an approval in time makes them claimable.
      const deliveryStatus = status === 'scheduled' ? 'scheduled' : 'draft';
      await trx
        .updateTable('delivery')
        .set({ status: deliveryStatus, revision, updated_at: iso, ...(approved ? {} : { scheduled_at: null }) })
        .where('post_id', '=', post.id)
        .where('status', '=', 'draft')
        .execute();
      if (status === 'scheduled')
        queued = await trx.selectFrom('delivery').select('id').where('post_id', '=', post.id).where('status', '=', 'scheduled').execute();
      const comment = input.decision === 'rejected' ? input.comment : null;
      await trx
        .insertInto('review')
        .values({ id: randomUUID(), post_id: post.id, reviewer_id: auth.userId, decision: input.decision, comment, created_at: iso })
        .execute();
      const kind = !approved ? 'post_rejected' : inTime ? 'post_approved' : 'post_expired';
      const params = {
        reviewer: auth.name,
        excerpt: post.text.slice(0, 80),
        scheduledAt: post.scheduled_at ?? '',
        ...(comment ? { comment: comment.slice(0, 500) } : {}),
      };
      await notify(trx, { userIds: [post.author_id], except: [auth.userId] }, { kind, opdId: post.opd_id, postId: post.id, params });
      const base = { entity: 'post', entityId: post.id, opdId: post.opd_id };
      await appendAuditEvent(trx, {
        ...base,
        actorId: auth.userId,
        action: `post.${input.decision}`,
        details: { revision: post.revision, scheduledAt: post.scheduled_at, ...(comment ? { comment } : {}) },
      });
      if (status === 'expired')
        await appendAuditEvent(trx, {
          ...base,
          actorId: null,
          action: 'post.expired',
          details: { scheduledAt: post.scheduled_at, reason: 'approved_after_time' },
        });
    });
  } catch (err) {
    if (err instanceof LostRace) throw new AppError('conflict', { fieldErrors: [{ field: 'revision', key: 'already_decided' }] });
    throw err;
  }
  if (queued.length && post.scheduled_at) {
    const at = post.scheduled_at;
    await o.scheduler.schedule(
      queued.map((d) => ({ deliveryId: d.id, revision, scheduledAt: at })),
      { postId: post.id },
    );
  }
  o.mailer?.kick();
  return getPost({ db, auth, id: post.id });
}
