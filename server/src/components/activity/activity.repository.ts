import { sql } from 'kysely';
import type { TDatabase } from '@siar/shared/node';

/** Deliveries that ended one way or the other (the "last attempts" of an account). */
const FINISHED = ['published', 'failed', 'unconfirmed'] as const;
export const FAILED = ['failed', 'unconfirmed'] as const;

/** The OPDs asked for: every OPD (null), the operator's, narrowed to one when a filter names it. */
export async function findActivityOpds(db: TDatabase, opdIds: string[] | null) {
  if (opdIds?.length === 0) return [];
  let q = db.selectFrom('opd').select(['id', 'name', 'code', 'weekly_target', 'requires_approval']).orderBy('name');
  if (opdIds) q = q.where('id', 'in', opdIds);
  return q.execute();
}

/**
 * One row per account with its counts, each a correlated count over one account's rows of one
 * status through the (account_id, status, published_at|scheduled_at) indexes of migration 0011,
 * and its last three finished deliveries through (account_id, scheduled_at).
 */
export async function findAccountActivity(db: TDatabase, o: { opdIds: string[]; from: string; to: string; now: string; ref: string }) {
  if (o.opdIds.length === 0) return [];
  const lastFinished = (offset: number) =>
    sql<string | null>`(select d.status from delivery d where d.account_id = sa.id and d.status in (${sql.join(FINISHED)}) and d.scheduled_at < ${o.ref} order by d.scheduled_at desc limit 1 offset ${sql.lit(offset)})`;
  return db
    .selectFrom('social_account as sa')
    .where('sa.opd_id', 'in', o.opdIds)
    .select([
      'sa.id',
      'sa.opd_id',
      'sa.platform',
      'sa.handle',
      'sa.display_name',
      'sa.status',
      sql<number>`(select count(*) from delivery d where d.account_id = sa.id and d.status = 'published' and d.published_at >= ${o.from} and d.published_at < ${o.to})`.as('published'),
      sql<number>`(select count(*) from delivery d where d.account_id = sa.id and d.status = 'scheduled' and d.scheduled_at >= ${o.now})`.as('scheduled_ahead'),
      sql<number>`(select count(*) from delivery d where d.account_id = sa.id and d.status in (${sql.join(FAILED)}) and d.scheduled_at >= ${o.from} and d.scheduled_at < ${o.to})`.as('failed'),
      sql<string | null>`(select d.published_at from delivery d where d.account_id = sa.id and d.status = 'published' and d.published_at < ${o.ref} order by d.published_at desc limit 1)`.as('last_published_at'),
      lastFinished(0).as('last0'),
      lastFinished(1).as('last1'),
      lastFinished(2).as('last2'),
    ])
    .orderBy('sa.handle')
    .execute();
}

/** Distinct posts per OPD: published in the period, scheduled ahead, failed in the period. */
export async function findOpdPostCounts(db: TDatabase, o: { opdIds: string[]; from: string; to: string; now: string }) {
  if (o.opdIds.length === 0) return { published: [], ahead: [], failed: [] };
  const base = () => db.selectFrom('delivery as d').innerJoin('social_account as sa', 'sa.id', 'd.account_id').where('sa.opd_id', 'in', o.opdIds).groupBy('sa.opd_id');
  const count = sql<number>`count(distinct d.post_id)`;
  const [published, ahead, failed] = await Promise.all([
    base().where('d.status', '=', 'published').where('d.published_at', '>=', o.from).where('d.published_at', '<', o.to).select(['sa.opd_id', count.as('n')]).execute(),
    base().where('d.status', '=', 'scheduled').where('d.scheduled_at', '>=', o.now).select(['sa.opd_id', count.as('n')]).execute(),
    base().where('d.status', 'in', FAILED).where('d.scheduled_at', '>=', o.from).where('d.scheduled_at', '<', o.to).select(['sa.opd_id', count.as('n')]).execute(),
  ]);
  return { published, ahead, failed };
}

/**
 * Distinct posts published per OPD and week: the weeks are a derived table of [from, to) bounds
 * joined to the (status, published_at, account_id, post_id) index, one range scan per week. CROSS
 * JOIN keeps the weeks outside in SQLite (else it scans every publication once per week).
 */
export async function findWeeklyPublished(db: TDatabase, o: { opdIds: string[]; weeks: { from: string; to: string }[] }) {
  if (o.opdIds.length === 0 || o.weeks.length === 0) return [];
  const weeks = sql.join(
    o.weeks.map((w, i) => sql`select ${sql.lit(i)} as i, cast(${w.from} as text) as s, cast(${w.to} as text) as e`),
    sql` union all `,
  );
  const result = await sql<{ i: number; opd_id: string; n: number }>`
    select w.i as i, sa.opd_id as opd_id, count(distinct d.post_id) as n
    from (${weeks}) w
    cross join delivery d
    join social_account sa on sa.id = d.account_id
    where d.status = 'published' and d.published_at >= w.s and d.published_at < w.e and sa.opd_id in (${sql.join(o.opdIds)})
    group by w.i, sa.opd_id`.execute(db);
  return result.rows;
}

/**
 * Posts of the OPDs whose first review decision (by someone other than the author) falls in the
 * period, with when they were submitted (their first `post.submitted` event, else their creation).
 */
export async function findFirstReviews(db: TDatabase, o: { opdIds: string[]; from: string; to: string }) {
  if (o.opdIds.length === 0) return [];
  // CROSS JOIN: from the period's reviews (created_at index) to their posts, not from every post of the OPDs.
  // A supervisor's own post is recorded as approved by themselves at once: no turnaround to measure.
  const result = await sql<{ post_id: string; reviewed_at: string; opd_id: string; created_at: string; submitted_at: string | null }>`
    select r.post_id as post_id, r.created_at as reviewed_at, p.opd_id as opd_id, p.created_at as created_at,
      (select min(e.at) from audit_event e where e.entity = 'post' and e.entity_id = r.post_id and e.action = 'post.submitted') as submitted_at
    from review r
    cross join post p
    where p.id = r.post_id and r.created_at >= ${o.from} and r.created_at < ${o.to} and p.opd_id in (${sql.join(o.opdIds)})
      and r.reviewer_id <> p.author_id
      and not exists (select 1 from review r2 where r2.post_id = r.post_id and r2.created_at < r.created_at)`.execute(db);
  return result.rows;
}

export async function findDeliveryAccounts(db: TDatabase, postIds: string[]) {
  const rows: { post_id: string; account_id: string }[] = [];
  for (let i = 0; i < postIds.length; i += 500) {
    rows.push(...(await db.selectFrom('delivery').select(['post_id', 'account_id']).where('post_id', 'in', postIds.slice(i, i + 500)).execute()));
  }
  return rows;
}

/** Published deliveries (newest first) or failures (latest due first) of a period. */
export async function findActivityDeliveries(db: TDatabase, o: { opdIds: string[]; accountId?: string | undefined; outcome: 'published' | 'failed'; from: string; to: string; limit: number }) {
  if (o.opdIds.length === 0) return [];
  let q = db
    .selectFrom('delivery as d')
    .innerJoin('social_account as sa', 'sa.id', 'd.account_id')
    .innerJoin('opd as o', 'o.id', 'sa.opd_id')
    .innerJoin('post as p', 'p.id', 'd.post_id')
    .where('sa.opd_id', 'in', o.opdIds)
    .select([
      'd.id',
      'd.post_id',
      'sa.opd_id',
      'o.name as opd_name',
      'd.account_id',
      'sa.platform',
      'sa.handle',
      'd.status',
      sql<string>`substr(coalesce(d.text_override, p.text), 1, 141)`.as('head'),
      'd.scheduled_at',
      'd.published_at',
      'd.external_url',
      'd.last_error',
    ])
    .limit(o.limit);
  if (o.accountId) q = q.where('d.account_id', '=', o.accountId);
  q =
    o.outcome === 'published'
      ? q.where('d.status', '=', 'published').where('d.published_at', '>=', o.from).where('d.published_at', '<', o.to).orderBy('d.published_at', 'desc')
      : q.where('d.status', 'in', FAILED).where('d.scheduled_at', '>=', o.from).where('d.scheduled_at', '<', o.to).orderBy('d.scheduled_at', 'desc');
  return q.orderBy('d.id').execute();
}

/**
 * Deliveries published in [from, to) on the OPDs' accounts, each with its latest metric snapshot
 * only (issue #7: engagement sums). Deliveries without a snapshot add nothing.
 */
function latestSnapshots(db: TDatabase, o: { opdIds: string[]; from: string; to: string }) {
  return db
    .selectFrom('delivery')
    .innerJoin('social_account', 'social_account.id', 'delivery.account_id')
    .innerJoin('metric_snapshot as s', 's.delivery_id', 'delivery.id')
    .where('social_account.opd_id', 'in', o.opdIds)
    .where('delivery.status', '=', 'published')
    .where('delivery.published_at', '>=', o.from)
    .where('delivery.published_at', '<', o.to)
    .where(({ eb, selectFrom }) => eb('s.collected_at', '=', selectFrom('metric_snapshot as s2').select((e) => e.fn.max('s2.collected_at').as('m')).whereRef('s2.delivery_id', '=', 'delivery.id')));
}

/** Likes, reposts and replies per account, summed over its deliveries' latest snapshots. */
export async function findAccountEngagement(db: TDatabase, o: { opdIds: string[]; from: string; to: string }) {
  if (o.opdIds.length === 0) return [];
  return latestSnapshots(db, o)
    .select((eb) => ['delivery.account_id', eb.fn.sum<number>('s.likes').as('likes'), eb.fn.sum<number>('s.reposts').as('reposts'), eb.fn.sum<number>('s.replies').as('replies')])
    .groupBy('delivery.account_id')
    .execute();
}

/** The posts with the most likes + reposts + replies over all their accounts, most first. */
export async function findTopPosts(db: TDatabase, o: { opdIds: string[]; from: string; to: string; limit: number }) {
  if (o.opdIds.length === 0) return [];
  const top = await latestSnapshots(db, o)
    .select((eb) => [
      'delivery.post_id',
      eb.fn.sum<number>('s.likes').as('likes'),
      eb.fn.sum<number>('s.reposts').as('reposts'),
      eb.fn.sum<number>('s.replies').as('replies'),
      eb.fn.sum<number>(sql`s.likes + s.reposts + s.replies`).as('total'),
      eb.fn.min<string>('delivery.published_at').as('published_at'),
      eb.fn.min<string>('delivery.external_url').as('external_url'),
    ])
    .groupBy('delivery.post_id')
    .orderBy('total', 'desc')
    .orderBy('delivery.post_id')
    .limit(o.limit)
    .execute();
  if (top.length === 0) return [];
  const posts = await db
    .selectFrom('post')
    .innerJoin('opd', 'opd.id', 'post.opd_id')
    .select(['post.id', 'post.opd_id', 'opd.name as opd_name', 'post.text'])
    .where('post.id', 'in', top.map((t) => t.post_id))
    .execute();
  const byId = new Map(posts.map((p) => [p.id, p]));
  return top.flatMap((t) => {
    const p = byId.get(t.post_id);
    return p ? [{ ...t, opd_id: p.opd_id, opd_name: p.opd_name, text: p.text }] : [];
  });
}
