import { AppError, rulesFor, type TMarkPublishedRequest } from '@siar/shared';
import { refreshPostStatus, type TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import type { TPublishScheduler } from '../../libraries/queue/publish-scheduler';
import { translate } from '../../libraries/i18n/messages';
import { findDeliveryInScope, transitionDelivery } from './deliveries.repository';

async function load(db: TDatabase, auth: TAuth, id: string) {
  const delivery = await findDeliveryInScope(db, auth.opdIds, id);
  if (!delivery) throw new AppError('not_found');
  return delivery;
}

/**
 * "Terbitkan ulang": a person sends a failed, unconfirmed or missed delivery again, now.
 * For `unconfirmed` that is their decision that the post is not live.
 */
export async function retryDelivery(o: { db: TDatabase; scheduler: TPublishScheduler; auth: TAuth; id: string }): Promise<string> {
  const d = await load(o.db, o.auth, o.id);
  const now = new Date().toISOString();
  const moved = await transitionDelivery(o.db, {
    id: d.id,
    from: ['failed', 'unconfirmed', 'missed'],
    set: { status: 'scheduled', scheduled_at: now, next_attempt_at: null, attempt: 0, last_error: null, lease_id: null, lease_at: null },
  });
  if (!moved) throw new AppError('invalid_transition');
  await refreshPostStatus(o.db, d.post_id);
  await o.scheduler.schedule([{ deliveryId: d.id, revision: d.revision, scheduledAt: now }], { postId: d.post_id });
  return d.post_id;
}

/** "Sudah terbit": a person confirms an unconfirmed delivery is live, giving its link. */
export async function markDeliveryPublished(o: { db: TDatabase; auth: TAuth; id: string; input: TMarkPublishedRequest; webBaseUrls: Record<string, string> }): Promise<string> {
  const d = await load(o.db, o.auth, o.id);
  const rules = rulesFor(d.platform);
  // The platform's own links, or those of the configured web base (the emulator in demo mode).
  const base = o.webBaseUrls[d.platform]?.replace(/\/$/, '');
  const ownLink = base !== undefined && o.input.url.startsWith(`${base}/`);
  const externalId = rules?.externalIdFromUrl(o.input.url, { anyHost: ownLink });
  if (!externalId) {
    const message = translate(o.auth.locale, 'validation.url_not_of_platform', { platform: rules?.name ?? d.platform });
    throw new AppError('validation', { fieldErrors: [{ field: 'url', key: 'url_not_of_platform', ...(message ? { message } : {}) }] });
  }
  const moved = await transitionDelivery(o.db, {
    id: d.id,
    from: ['unconfirmed'],
    set: { status: 'published', external_id: externalId, external_url: o.input.url, published_at: new Date().toISOString(), lease_id: null, lease_at: null, last_error: JSON.stringify({ kind: 'marked_published', message: '' }) },
  });
  if (!moved) throw new AppError('invalid_transition');
  await refreshPostStatus(o.db, d.post_id);
  return d.post_id;
}

/** Cancels one delivery that has not gone out; a delivery being published cannot be stopped. */
export async function cancelDelivery(o: { db: TDatabase; auth: TAuth; id: string }): Promise<string> {
  const d = await load(o.db, o.auth, o.id);
  if (d.status === 'publishing') throw new AppError('invalid_transition', { fieldErrors: [{ field: 'status', key: 'publishing_now' }] });
  const moved = await transitionDelivery(o.db, { id: d.id, from: ['draft', 'scheduled', 'failed', 'unconfirmed', 'missed'], set: { status: 'cancelled', next_attempt_at: null } });
  if (!moved) throw new AppError('invalid_transition');
  await refreshPostStatus(o.db, d.post_id);
  return d.post_id;
}
