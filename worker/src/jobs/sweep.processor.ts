import { enqueueDeliveries, type TDatabase, type TLogger, type TPublishQueue } from '@siar/shared/node';
import { findDueDeliveries } from '../libraries/due-deliveries.repository';

/** Looks this far ahead, so a delivery missing from Redis is queued before it is due. */
const HORIZON_MS = 2 * 60_000;
/** At most this many per sweep; the next sweep takes the rest (oldest first). */
const BATCH = 5000;

/**
 * Repairs what the normal path missed: a post saved while Redis was down, a Redis that lost
 * its data. Re-adds every due or soon-due `scheduled` delivery with its deterministic job id;
 * an existing job makes the add a no-op, and an extra one is harmless (its claim fails).
 */
export function createSweepProcessor(deps: { db: TDatabase; queue: TPublishQueue; logger: TLogger }) {
  return async (): Promise<{ queued: number }> => {
    const due = await findDueDeliveries(deps.db, { until: new Date(Date.now() + HORIZON_MS), limit: BATCH });
    await enqueueDeliveries(
      deps.queue,
      due.map((d) => ({ deliveryId: d.id, revision: d.revision, scheduledAt: d.next_attempt_at ?? d.scheduled_at! })),
    );
    if (due.length) deps.logger.debug({ queued: due.length }, 'sweep re-added due deliveries');
    return { queued: due.length };
  };
}
