import type { TDatabase } from '@siar/shared/node';

/**
 * Scheduled deliveries due before `until`, oldest first. Bounded by the (status,
 * scheduled_at) index and by `limit`, so a sweep costs what is due, not the whole history.
 */
export async function findDueDeliveries(db: TDatabase, options: { until: Date; limit: number }) {
  return db
    .selectFrom('delivery')
    .select(['id', 'revision', 'scheduled_at', 'next_attempt_at'])
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', options.until.toISOString())
    .orderBy('scheduled_at')
    .limit(options.limit)
    .execute();
}
