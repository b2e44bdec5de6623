import type { TDelivery, TLocale, TPost } from '@siar/shared';
import { translate } from '../../libraries/i18n/messages';
import type { TDeliveryRow, TPostRow } from './posts.repository';

/** last_error is stored as `{ kind, message }`; people read it in their language. */
function deliveryError(raw: string | null, locale: TLocale): string | null {
  if (!raw) return null;
  try {
    const { kind, message } = JSON.parse(raw) as { kind?: string; message?: string };
    const label = translate(locale, `delivery.${kind}`) ?? kind ?? '';
    return message ? `${label}: ${message}` : label;
  } catch {
    return raw;
  }
}

export function toDeliveryDto(row: TDeliveryRow, locale: TLocale): TDelivery {
  return {
    id: row.id,
    accountId: row.account_id,
    platform: row.platform,
    handle: row.handle,
    status: row.status as TDelivery['status'],
    attempt: row.attempt,
    externalId: row.external_id,
    externalUrl: row.external_url,
    publishedAt: row.published_at,
    error: deliveryError(row.last_error, locale),
  };
}

export function toPostDto(row: TPostRow, deliveries: TDeliveryRow[], locale: TLocale): TPost {
  return {
    id: row.id,
    opdId: row.opd_id,
    authorId: row.author_id,
    authorName: row.author_name,
    status: row.status as TPost['status'],
    text: row.text,
    scheduledAt: row.scheduled_at,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveries: deliveries.filter((d) => d.post_id === row.id).map((d) => toDeliveryDto(d, locale)),
  };
}
