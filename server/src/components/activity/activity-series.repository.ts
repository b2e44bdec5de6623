import { sql } from 'kysely';
import type { TDatabase } from '@siar/shared/node';

/** Outcomes that are counted on the day the delivery was due, not on a day it went live. */
export const MISSED_OUTCOMES = ['failed', 'unconfirmed', 'missed'] as const;

/**
 * The UTC hour ("yyyy-MM-ddTHH") of an ISO instant stored as text. Grouping by it is portable
 * (substr on text in SQLite and PostgreSQL) and exact for WIB, a whole-hour offset without DST:
 * the caller shifts each hour by +7 h to find its WIB day, weekday and hour.
 */
const utcHour = (column: 'd.published_at' | 'd.scheduled_at') => sql<string>`substr(${sql.ref(column)}, 1, 13)`;

/**
 * Published deliveries of the OPDs per UTC hour and OPD or platform, through the
 * (status, published_at, account_id, post_id) index of migration 0011: a range scan of the period.
 */
export async function findPublishedPerHour(db: TDatabase, o: { opdIds: string[]; from: string; to: string; by: 'opd' | 'platform' }) {
  if (o.opdIds.length === 0) return [];
  const key = o.by === 'opd' ? sql.ref<string>('sa.opd_id') : sql.ref<string>('sa.platform');
  const rows = await db
    .selectFrom('delivery as d')
    .innerJoin('social_account as sa', 'sa.id', 'd.account_id')
    .where('d.status', '=', 'published')
    .where('d.published_at', '>=', o.from)
    .where('d.published_at', '<', o.to)
    .where('sa.opd_id', 'in', o.opdIds)
    .select([utcHour('d.published_at').as('h'), key.as('k'), sql<number>`count(*)`.as('n')])
    .groupBy([utcHour('d.published_at'), key])
    .execute();
  return rows.map((r) => ({ hour: r.h, key: r.k, n: Number(r.n) }));
}

/**
 * Failed, unconfirmed and missed deliveries per UTC hour of their scheduled_at, through the
 * (status, scheduled_at) index the sweeper uses: one range scan per status.
 */
export async function findMissedPerHour(db: TDatabase, o: { opdIds: string[]; from: string; to: string }) {
  if (o.opdIds.length === 0) return [];
  const rows = await db
    .selectFrom('delivery as d')
    .innerJoin('social_account as sa', 'sa.id', 'd.account_id')
    .where('d.status', 'in', MISSED_OUTCOMES)
    .where('d.scheduled_at', '>=', o.from)
    .where('d.scheduled_at', '<', o.to)
    .where('sa.opd_id', 'in', o.opdIds)
    .select([utcHour('d.scheduled_at').as('h'), 'd.status', sql<number>`count(*)`.as('n')])
    .groupBy([utcHour('d.scheduled_at'), 'd.status'])
    .execute();
  return rows.map((r) => ({ hour: r.h, status: r.status as (typeof MISSED_OUTCOMES)[number], n: Number(r.n) }));
}
