import { randomUUID } from 'node:crypto';
import { AppError, platformName, type TCreatePostRequest, type TPost } from '@siar/shared';
import type { DeliveryTable, TDatabase, TLogger, TPlatformSettings } from '@siar/shared/node';
import { translate } from '../../libraries/i18n/messages';
import { checkPost, refusedWarnings } from './check-post';
import { checkPostMedia } from './check-post-media';
import type { TAuth } from '../../libraries/http/auth-context';
import type { TPublishScheduler } from '../../libraries/queue/publish-scheduler';
import { findAccountsByIds } from '../accounts/accounts.repository';
import { checkPostTexts } from './check-post-texts';
import { findDeliveriesOfPosts, findPostById, insertPostWithDeliveries } from './posts.repository';
import { toPostDto } from './post-dto';
import { resolveScheduledAt } from './resolve-scheduled-at';
import { pickQueueSlot, takeQueueSlot } from '../queue/pick-queue-slot';
import { requestedTime } from '../queue/requested-time';
import { approvalGate, approvalNeedsOf, checkApprovalLead, textsOfPost } from '../approvals/approval-policy';
import { recordPostSaved } from '../approvals/record-post-saved';
import { findLatestReviews } from '../approvals/reviews.repository';
import type { TNotificationMailer } from '../notifications/notification-mailer';

/**
 * Writes the post and its deliveries in one transaction, then queues one job per delivery.
 * Queueing is best effort: if Redis is down the post is still saved (201) and the sweeper
 * queues it later, since the database, not Redis, owns the schedule. An operator's post that
 * needs approval (its OPD's policy, or a watch-word) is submitted instead: `pending_approval`,
 * deliveries left as unqueued drafts, nothing in Redis until a supervisor approves it.
 */
export async function createPost(options: { db: TDatabase; scheduler: TPublishScheduler; logger: TLogger; auth: TAuth; input: TCreatePostRequest; settings: Record<string, TPlatformSettings>; now?: Date; mailer?: TNotificationMailer | undefined }): Promise<TPost> {
  const { db, auth, input } = options;
  const now = options.now ?? new Date();
  const requested = requestedTime(input);
  const found = await findAccountsByIds(db, auth.opdIds, input.accountIds);
  const byId = new Map(found.map((a) => [a.id, a]));
  const missing = input.accountIds.flatMap((id, i) => (byId.has(id) ? [] : [{ field: `accountIds.${i}`, key: 'account_not_found' }]));
  if (missing.length) throw new AppError('not_found', { fieldErrors: missing });
  const accounts = input.accountIds.map((id) => byId.get(id)!);
  const inactive = accounts.flatMap((a) => (a.status === 'active' ? [] : [{ field: `accountIds.${input.accountIds.indexOf(a.id)}`, key: 'account_inactive' }]));
  if (inactive.length) throw new AppError('validation', { fieldErrors: inactive });

  // "Add to queue": a first pick for the checks below; the slot is taken for good under lock when written.
  let scheduledAt = input.queue ? await pickQueueSlot(db, { accounts, now, locale: auth.locale }) : resolveScheduledAt(requested, now);
  const textErrors = checkPostTexts({ auth, text: input.text, accounts, variants: input.variants, accountIds: input.accountIds, threadParts: input.threadParts });
  if (textErrors.length) throw new AppError('validation', { fieldErrors: textErrors });
  const mediaIds = await checkPostMedia({ db, locale: auth.locale, mediaIds: input.mediaIds, accounts });
  const check = await checkPost({ db, settings: options.settings, locale: auth.locale }, { accounts, textOf: (id) => input.variants?.[id]?.text ?? input.text, threadParts: input.threadParts, scheduledAt });
  const refused = refusedWarnings(check, options.settings);
  if (refused.length) throw new AppError('validation', { fieldErrors: refused.map((w) => ({ field: 'text', key: 'similar_content', message: translate(auth.locale, 'validation.similar_content', { platform: platformName(w.platform) }) ?? w.message })) });

  const needs = await approvalNeedsOf(db, { opdIds: accounts.map((a) => a.opd_id), texts: textsOfPost({ text: input.text, variants: Object.values(input.variants ?? {}).map((v) => v.text), threadParts: input.threadParts }) });
  const gate = approvalGate(auth, needs);
  checkApprovalLead(gate, scheduledAt, now);

  const iso = now.toISOString();
  const postId = randomUUID();
  const status = !scheduledAt ? 'draft' : gate === 'submit' ? 'pending_approval' : 'scheduled';
  const deliveryStatus = status === 'pending_approval' ? 'draft' : status;
  const deliveries: DeliveryTable[] = accounts.map((a) => ({
    id: randomUUID(),
    post_id: postId,
    account_id: a.id,
    text_override: input.variants?.[a.id]?.text ?? null,
    status: deliveryStatus,
    revision: 1,
    scheduled_at: scheduledAt,
    attempt: 0,
    next_attempt_at: null,
    lease_id: null,
    lease_at: null,
    external_id: null,
    external_url: null,
    published_at: null,
    last_error: null,
    updated_at: iso,
  }));
  await db.transaction().execute(async (trx) => {
    if (input.queue) scheduledAt = await takeQueueSlot(trx, { accounts, now, locale: auth.locale });
    await insertPostWithDeliveries(
      trx,
      { id: postId, opd_id: accounts[0]!.opd_id, author_id: auth.userId, status, scheduled_at: scheduledAt, text: input.text, media_ids: JSON.stringify(mediaIds), thread_parts: JSON.stringify(input.threadParts ?? []), revision: 1, created_at: iso, updated_at: iso },
      deliveries.map((d) => ({ ...d, scheduled_at: scheduledAt })),
    );
    await recordPostSaved(trx, { auth, event: 'created', postId, opdId: accounts[0]!.opd_id, status, scheduledAt, text: input.text, needs, gate, details: { accountIds: input.accountIds, ...(input.threadParts?.length ? { threadParts: input.threadParts.length } : {}) } });
  });
  const at = scheduledAt;
  if (at && status === 'scheduled') {
    await options.scheduler.schedule(deliveries.map((d) => ({ deliveryId: d.id, revision: d.revision, scheduledAt: at })), { postId });
  }
  options.mailer?.kick();
  const row = await findPostById(db, null, postId);
  return { ...toPostDto(row!, await findDeliveriesOfPosts(db, [postId]), auth.locale, undefined, await findLatestReviews(db, [postId])), warnings: check.warnings };
}
