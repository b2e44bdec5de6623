import { AppError, type TPost, type TUpdatePostRequest } from '@siar/shared';
import { refreshPostStatus, type TDatabase, type TPlatformSettings } from '@siar/shared/node';
import { checkPost, refusedWarnings } from './check-post';
import type { TAuth } from '../../libraries/http/auth-context';
import type { TPublishScheduler } from '../../libraries/queue/publish-scheduler';
import { checkPostTexts } from './check-post-texts';
import { getPost } from './get-post';
import { findPostById } from './posts.repository';
import { resolveScheduledAt } from './resolve-scheduled-at';
import { approvalGate, approvalNeedsOf, checkApprovalLead, textsOfPost } from '../approvals/approval-policy';
import type { TPublishJobRemover } from '../approvals/publish-jobs';
import { recordPostSaved } from '../approvals/record-post-saved';
import type { TNotificationMailer } from '../notifications/notification-mailer';

/**
 * A post can be edited or rescheduled until something of it has gone out: drafts, posts
 * scheduled or waiting for approval, posts that expired unapproved, and posts whose deliveries
 * all failed or were missed (fix the text, choose a new time). Unconfirmed deliveries may be
 * live, so a person settles those first.
 */
const EDITABLE_POSTS = ['draft', 'pending_approval', 'scheduled', 'failed', 'expired'];
const EDITABLE = ['draft', 'scheduled', 'failed', 'missed'];

function parseParts(raw: string | undefined): string[] {
  try {
    const parts: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(parts) ? parts.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

/** Thrown inside the transaction to roll it back when a worker claimed a delivery first. */
class LostRace extends Error {}

/**
 * Edits a post that has not started going out. The revision goes up and every delivery moves
 * to it in one transaction, conditionally on all of them still being editable: if a worker
 * claimed one in between, nothing changes (409). Jobs of the old revision then fail their
 * claim, so the old text is never published after the edit was accepted. Any edit voids an
 * approval: an operator's post that needs one goes back to `pending_approval` (its jobs removed).
 */
export async function updatePost(o: { db: TDatabase; scheduler: TPublishScheduler; auth: TAuth; id: string; input: TUpdatePostRequest; settings: Record<string, TPlatformSettings>; now?: Date; jobs?: TPublishJobRemover | undefined; mailer?: TNotificationMailer | undefined }): Promise<TPost> {
  const { db, auth, input } = o;
  const now = o.now ?? new Date();
  const post = await findPostById(db, auth.opdIds, o.id);
  if (!post) throw new AppError('not_found');
  if (input.revision !== undefined && input.revision !== post.revision) throw new AppError('conflict');
  if (!EDITABLE_POSTS.includes(post.status)) throw new AppError('invalid_transition');

  // An expired post keeps its past time only until rescheduled: a new time is required.
  const scheduledAt = input.scheduledAt === undefined ? (post.status === 'expired' ? resolveScheduledAt(post.scheduled_at, now) : post.scheduled_at) : resolveScheduledAt(input.scheduledAt, now);
  const deliveries = await db
    .selectFrom('delivery')
    .innerJoin('social_account', 'social_account.id', 'delivery.account_id')
    .select(['delivery.id', 'delivery.status', 'delivery.revision', 'delivery.text_override', 'social_account.id as accountId', 'social_account.platform', 'social_account.opd_id'])
    .where('delivery.post_id', '=', post.id)
    .execute();
  // Cancelled deliveries stay cancelled; anything already on its way makes the post uneditable.
  if (deliveries.some((d) => d.status === 'publishing')) throw new AppError('conflict', { fieldErrors: [{ field: 'status', key: 'publishing_now' }] });
  const editable = deliveries.filter((d) => EDITABLE.includes(d.status));
  if (editable.length === 0 || deliveries.some((d) => !EDITABLE.includes(d.status) && d.status !== 'cancelled')) throw new AppError('invalid_transition');
  const text = input.text ?? post.text;
  const errors = checkPostTexts({ auth, text, accounts: editable.filter((d) => !d.text_override).map((d) => ({ id: d.accountId, platform: d.platform })), accountIds: [] });
  if (errors.length) throw new AppError('validation', { fieldErrors: errors });
  const check = await checkPost(
    { db, settings: o.settings, locale: auth.locale },
    { accounts: editable.map((d) => ({ id: d.accountId, platform: d.platform })), textOf: (id) => editable.find((d) => d.accountId === id)?.text_override ?? text, scheduledAt, postId: post.id },
  );
  if (refusedWarnings(check, o.settings).length) throw new AppError('validation', { fieldErrors: [{ field: 'text', key: 'similar_content' }] });

  const needs = await approvalNeedsOf(db, { opdIds: [post.opd_id, ...editable.map((d) => d.opd_id)], texts: textsOfPost({ text, variants: editable.flatMap((d) => d.text_override ?? []), threadParts: parseParts(post.thread_parts) }) });
  const gate = approvalGate(auth, needs);
  checkApprovalLead(gate, scheduledAt, now);

  const revision = post.revision + 1;
  const status = !scheduledAt ? 'draft' : gate === 'submit' ? 'pending_approval' : 'scheduled';
  const deliveryStatus = status === 'pending_approval' ? 'draft' : status;
  const iso = now.toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      const p = await trx.updateTable('post').set({ text, scheduled_at: scheduledAt, revision, status, updated_at: iso }).where('id', '=', post.id).where('revision', '=', post.revision).executeTakeFirst();
      if (Number(p.numUpdatedRows) !== 1) throw new LostRace();
      const d = await trx
        .updateTable('delivery')
        .set({ revision, scheduled_at: scheduledAt, status: deliveryStatus, attempt: 0, next_attempt_at: null, last_error: null, lease_id: null, lease_at: null, updated_at: iso })
        .where('post_id', '=', post.id)
        .where('status', 'in', EDITABLE)
        .executeTakeFirst();
      if (Number(d.numUpdatedRows) !== editable.length) throw new LostRace();
      const changes = { ...(input.text !== undefined && input.text !== post.text ? { text: true } : {}), ...(scheduledAt !== post.scheduled_at ? { scheduledAt: { from: post.scheduled_at, to: scheduledAt } } : {}) };
      await recordPostSaved(trx, { auth, event: 'updated', postId: post.id, opdId: post.opd_id, status, previousStatus: post.status, scheduledAt, text, needs, gate, details: { revision, changes } });
    });
  } catch (err) {
    if (err instanceof LostRace) throw new AppError('conflict', { fieldErrors: [{ field: 'status', key: 'publishing_now' }] });
    throw err;
  }
  await refreshPostStatus(db, post.id);
  // Sent back to approval: its jobs go (they would fail their claim anyway), so the queue shows
  // nothing scheduled for a post that is not. Other edits leave old jobs to fail their claim.
  if (status === 'pending_approval') await o.jobs?.remove(editable.filter((d) => d.status === 'scheduled').map((d) => ({ deliveryId: d.id, revision: d.revision })), { postId: post.id });
  if (scheduledAt && status === 'scheduled') await o.scheduler.schedule(editable.map((d) => ({ deliveryId: d.id, revision, scheduledAt: scheduledAt! })), { postId: post.id });
  o.mailer?.kick();
  return { ...(await getPost({ db, auth, id: post.id })), warnings: check.warnings };
}
