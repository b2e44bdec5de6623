import type { TDelivery, TDeliveryAttempt, TDeliveryMetrics, TLocale, TPost, TPostReview } from '@siar/shared';
import { translate } from '../../libraries/i18n/messages';
import type { TAttemptRow, TDeliveryRow, TPostRow } from './posts.repository';

/** A JSON array of strings (media ids, thread parts); anything else reads as empty. */
function parseStrings(raw: string | undefined): string[] {
  try {
    const items: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(items) ? items.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function parseError(raw: string | null): { kind?: string; message?: string } | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as { kind?: string; message?: string };
  } catch {
    return { message: raw };
  }
}

/** last_error is stored as `{ kind, message }`; people read it in their language. */
function deliveryError(raw: string | null, locale: TLocale): string | null {
  const parsed = parseError(raw);
  if (!parsed) return null;
  const label = translate(locale, `delivery.${parsed.kind}`) ?? parsed.kind ?? '';
  return parsed.message ? `${label}: ${parsed.message}` : label;
}

function toAttemptDto(row: TAttemptRow): TDeliveryAttempt {
  return {
    number: row.number,
    kind: row.kind as TDeliveryAttempt['kind'],
    startedAt: row.started_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    errorKind: row.error_kind,
    httpStatus: row.http_status,
    excerpt: row.excerpt,
  };
}

/** `metrics`: each delivery's latest snapshot (findLatestMetrics); absent: none shown. */
export function toDeliveryDto(row: TDeliveryRow, locale: TLocale, attempts?: TAttemptRow[], metrics?: ReadonlyMap<string, TDeliveryMetrics>): TDelivery {
  return {
    id: row.id,
    accountId: row.account_id,
    platform: row.platform,
    handle: row.handle,
    variantText: row.text_override,
    partsPublished: Number(row.parts_published ?? 0),
    status: row.status as TDelivery['status'],
    attempt: row.attempt,
    externalId: row.external_id,
    externalUrl: row.external_url,
    publishedAt: row.published_at,
    nextAttemptAt: row.status === 'scheduled' ? row.next_attempt_at : null,
    errorKind: parseError(row.last_error)?.kind ?? null,
    error: deliveryError(row.last_error, locale),
    ...(attempts ? { attempts: attempts.filter((a) => a.delivery_id === row.id).map(toAttemptDto) } : {}),
    metrics: metrics?.get(row.id) ?? null,
  };
}

/** `reviews`: the latest approval decision per post (findLatestReviews); absent: none shown. */
export function toPostDto(
  row: TPostRow,
  deliveries: TDeliveryRow[],
  locale: TLocale,
  attempts?: TAttemptRow[],
  reviews?: ReadonlyMap<string, TPostReview>,
  metrics?: ReadonlyMap<string, TDeliveryMetrics>,
): TPost {
  return {
    id: row.id,
    opdId: row.opd_id,
    authorId: row.author_id,
    authorName: row.author_name,
    status: row.status as TPost['status'],
    text: row.text,
    threadParts: parseStrings(row.thread_parts),
    mediaIds: parseStrings(row.media_ids),
    scheduledAt: row.scheduled_at,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveries: deliveries.filter((d) => d.post_id === row.id).map((d) => toDeliveryDto(d, locale, attempts, metrics)),
    review: reviews?.get(row.id) ?? null,
  };
}
