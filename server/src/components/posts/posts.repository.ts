import type { ExpressionBuilder, Transaction } from 'kysely';
import { ZMetricPoint, type TDeliveryMetrics, type TMetricPoint, type TPostListQuery } from '@siar/shared';
import type { DB, DeliveryTable, PostTable, TDatabase } from '@siar/shared/node';

/**
 * A post is in an operator's scope when it belongs to one of their OPDs or goes to one of
 * their accounts (a post filed under one OPD can go to several OPDs' accounts: `post_reach`).
 * null = every OPD. The list, a post's page and the calendar all use this one rule; both arms
 * are index lookups, so a month of one OPD costs the same with or without the second.
 */
export function inScope(opdIds: string[] | null) {
  return (eb: ExpressionBuilder<DB, 'post'>) => {
    if (opdIds === null) return eb.lit(true);
    if (opdIds.length === 0) return eb.lit(false);
    return eb.or([eb('post.opd_id', 'in', opdIds), eb('post.id', 'in', eb.selectFrom('post_reach').select('post_reach.post_id').where('post_reach.opd_id', 'in', opdIds))]);
  };
}

/** Names the OPDs, other than its own, whose accounts a new post's deliveries go to. */
export async function recordPostReach(trx: Transaction<DB>, post: { id: string; opd_id: string }): Promise<void> {
  await trx
    .insertInto('post_reach')
    .columns(['opd_id', 'post_id'])
    .expression((eb) =>
      eb
        .selectFrom('delivery')
        .innerJoin('social_account', 'social_account.id', 'delivery.account_id')
        .select(['social_account.opd_id', 'delivery.post_id'])
        .distinct()
        .where('delivery.post_id', '=', post.id)
        .where('social_account.opd_id', '<>', post.opd_id),
    )
    .execute();
}

export const POST_COLUMNS = ['post.id', 'post.opd_id', 'post.author_id', 'user.name as author_name', 'post.status', 'post.text', 'post.media_ids', 'post.thread_parts', 'post.scheduled_at', 'post.revision', 'post.created_at', 'post.updated_at'] as const;

export async function insertPostWithDeliveries(trx: Transaction<DB>, post: PostTable, deliveries: DeliveryTable[]): Promise<void> {
  await trx.insertInto('post').values(post).execute();
  await trx.insertInto('delivery').values(deliveries).execute();
  await recordPostReach(trx, post);
}

export async function findPostById(db: TDatabase, opdIds: string[] | null, id: string) {
  return db.selectFrom('post').innerJoin('user', 'user.id', 'post.author_id').select(POST_COLUMNS).where('post.id', '=', id).where(inScope(opdIds)).executeTakeFirst();
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function findPostsPage(db: TDatabase, opdIds: string[] | null, q: TPostListQuery, cursor: { createdAt: string; id: string } | undefined) {
  let query = db.selectFrom('post').innerJoin('user', 'user.id', 'post.author_id').select(POST_COLUMNS).where(inScope(opdIds));
  if (q.from) query = query.where('post.scheduled_at', '>=', new Date(q.from).toISOString());
  if (q.to) query = query.where('post.scheduled_at', '<', new Date(q.to).toISOString());
  if (q.opdId) query = query.where(inScope([q.opdId]));
  if (q.status) query = query.where('post.status', '=', q.status);
  if (q.accountId) {
    const accountId = q.accountId;
    query = query.where((eb) => eb.exists(eb.selectFrom('delivery').select('delivery.id').whereRef('delivery.post_id', '=', 'post.id').where('delivery.account_id', '=', accountId)));
  }
  if (cursor) {
    query = query.where((eb) => eb.or([eb('post.created_at', '<', cursor.createdAt), eb.and([eb('post.created_at', '=', cursor.createdAt), eb('post.id', '<', cursor.id)])]));
  }
  return query.orderBy('post.created_at', 'desc').orderBy('post.id', 'desc').limit(q.limit + 1).execute();
}

export type TPostRow = NonNullable<Awaited<ReturnType<typeof findPostById>>>;

export async function findDeliveriesOfPosts(db: TDatabase, postIds: string[]) {
  if (postIds.length === 0) return [];
  return db
    .selectFrom('delivery')
    .innerJoin('social_account', 'social_account.id', 'delivery.account_id')
    .select([
      'delivery.id',
      'delivery.post_id',
      'delivery.account_id',
      'delivery.text_override',
      'social_account.platform',
      'social_account.handle',
      'delivery.status',
      'delivery.attempt',
      'delivery.external_id',
      'delivery.external_url',
      'delivery.published_at',
      'delivery.next_attempt_at',
      'delivery.last_error',
      (eb) => eb.selectFrom('delivery_part').select((sub) => sub.fn.countAll<number>().as('n')).whereRef('delivery_part.delivery_id', '=', 'delivery.id').as('parts_published'),
    ])
    .where('delivery.post_id', 'in', postIds)
    .orderBy('social_account.handle')
    .execute();
}

export type TDeliveryRow = Awaited<ReturnType<typeof findDeliveriesOfPosts>>[number];

export async function findAttemptsOfDeliveries(db: TDatabase, deliveryIds: string[]) {
  if (deliveryIds.length === 0) return [];
  return db.selectFrom('delivery_attempt').selectAll().where('delivery_id', 'in', deliveryIds).orderBy('started_at').execute();
}
export type TAttemptRow = Awaited<ReturnType<typeof findAttemptsOfDeliveries>>[number];

/**
 * Each delivery's latest metric snapshot, in one grouped query (at most three rows a delivery
 * exist, one per point), by delivery id.
 */
export async function findLatestMetrics(db: TDatabase, deliveryIds: string[]): Promise<Map<string, TDeliveryMetrics>> {
  if (deliveryIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('metric_snapshot as s')
    .innerJoin(
      (eb) => eb.selectFrom('metric_snapshot').select(['delivery_id', (e) => e.fn.max('collected_at').as('latest')]).where('delivery_id', 'in', deliveryIds).groupBy('delivery_id').as('l'),
      (join) => join.onRef('l.delivery_id', '=', 's.delivery_id').onRef('l.latest', '=', 's.collected_at'),
    )
    .select(['s.delivery_id', 's.point', 's.collected_at', 's.likes', 's.reposts', 's.replies', 's.impressions'])
    .execute();
  const rank = (p: string) => ZMetricPoint.options.indexOf(p as TMetricPoint);
  const out = new Map<string, TDeliveryMetrics>();
  for (const r of rows) {
    const seen = out.get(r.delivery_id);
    if (seen && rank(seen.point) >= rank(r.point)) continue;
    out.set(r.delivery_id, { likes: Number(r.likes), reposts: Number(r.reposts), replies: Number(r.replies), impressions: r.impressions === null ? null : Number(r.impressions), point: r.point as TMetricPoint, collectedAt: r.collected_at });
  }
  return out;
}
