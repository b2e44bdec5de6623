import { AppError, type TLocale, type TActivityDeliveriesQuery, type TActivityDeliveriesResponse, type TActivityDelivery } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { translate } from '../../libraries/i18n/messages';
import { findActivityDeliveries } from './activity.repository';
import { scopeOpds } from './get-activity-overview';

const EXCERPT = 140;

function readError(raw: string | null, locale: TLocale): TActivityDelivery['error'] {
  if (!raw) return null;
  let kind = 'unknown';
  let message = raw;
  try {
    const parsed = JSON.parse(raw) as { kind?: unknown; message?: unknown };
    kind = typeof parsed.kind === 'string' ? parsed.kind : 'unknown';
    message = typeof parsed.message === 'string' ? parsed.message : '';
  } catch {
    // Not JSON: the raw text is the message.
  }
  return { kind, message, label: translate(locale, `delivery.${kind}`) ?? kind };
}

/**
 * The drill-down and the report's lists: published posts (newest first) or failures with their
 * reasons. An account or OPD outside the caller's answers 404.
 */
export async function listActivityDeliveries(o: { db: TDatabase; auth: TAuth; query: TActivityDeliveriesQuery }): Promise<TActivityDeliveriesResponse> {
  const q = o.query;
  let opdIds = (await scopeOpds(o.db, o.auth, q.opdId)).map((opd) => opd.id);
  if (q.accountId) {
    const account = await o.db.selectFrom('social_account').select('opd_id').where('id', '=', q.accountId).executeTakeFirst();
    if (!account || !opdIds.includes(account.opd_id)) throw new AppError('not_found');
    opdIds = [account.opd_id];
  }
  const rows = await findActivityDeliveries(o.db, { opdIds, accountId: q.accountId, outcome: q.outcome, from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString(), limit: q.limit });
  const items = rows.map(
    (r): TActivityDelivery => ({
      id: r.id,
      postId: r.post_id,
      opdId: r.opd_id,
      opdName: r.opd_name,
      accountId: r.account_id,
      platform: r.platform,
      handle: r.handle,
      status: r.status as TActivityDelivery['status'],
      excerpt: Array.from(r.head).length > EXCERPT ? `${Array.from(r.head).slice(0, EXCERPT).join('')}…` : r.head,
      scheduledAt: r.scheduled_at,
      publishedAt: r.published_at,
      externalUrl: r.external_url,
      error: readError(r.last_error, o.auth.locale),
    }),
  );
  return { items };
}
