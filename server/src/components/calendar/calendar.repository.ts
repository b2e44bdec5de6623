import { sql } from 'kysely';
import { CALENDAR_EXCERPT_LENGTH, type TCalendarQuery } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { inScope } from '../posts/posts.repository';

/**
 * Posts scheduled in [from, to) in the scope of the given OPDs (null = every OPD: filed under
 * one of them or going to one of their accounts, as the list counts them) that pass the filters,
 * through the (scheduled_at) index: the cost grows with the posts of the range, not with the
 * history.
 */
function postsInRange(db: TDatabase, opdIds: string[] | null, q: TCalendarQuery) {
  let query = db
    .selectFrom('post')
    .where('post.scheduled_at', '>=', new Date(q.from).toISOString())
    .where('post.scheduled_at', '<', new Date(q.to).toISOString())
    .where(inScope(opdIds));
  if (q.opdId) query = query.where(inScope([q.opdId]));
  if (q.status?.length) query = query.where('post.status', 'in', q.status);
  if (q.accountId) {
    const accountId = q.accountId;
    query = query.where((eb) => eb.exists(eb.selectFrom('delivery').select('delivery.id').whereRef('delivery.post_id', '=', 'post.id').where('delivery.account_id', '=', accountId)));
  }
  return query;
}

/**
 * Only what the calendar draws is read; the text is cut in the database, so a long post costs
 * no more than a short one. `opdIds` null = every OPD.
 */
export async function findCalendarPosts(db: TDatabase, opdIds: string[] | null, q: TCalendarQuery) {
  if (opdIds?.length === 0) return [];
  return (
    postsInRange(db, opdIds, q)
      .select([
        'post.id',
        'post.opd_id',
        'post.status',
        'post.scheduled_at',
        'post.revision',
        // One character more than shown tells whether the text goes on, without reading all of it.
        sql<string>`substr(post.text, 1, ${sql.lit(CALENDAR_EXCERPT_LENGTH + 1)})`.as('head'),
      ])
      .orderBy('post.scheduled_at')
      .execute()
  );
}

/**
 * The accounts of the same posts, with each delivery's status, through the (post_id, account_id)
 * key. The posts are named by the same conditions rather than by a list of ids: a month of an
 * OPD is hundreds of ids, which would cost more to bind and plan than to find again.
 */
export async function findCalendarDeliveries(db: TDatabase, opdIds: string[] | null, q: TCalendarQuery) {
  if (opdIds?.length === 0) return [];
  return db
    .selectFrom('delivery')
    .innerJoin('social_account', 'social_account.id', 'delivery.account_id')
    .select(['delivery.post_id', 'delivery.status', 'social_account.id', 'social_account.platform', 'social_account.handle'])
    .where('delivery.post_id', 'in', postsInRange(db, opdIds, q).select('post.id'))
    .execute();
}
