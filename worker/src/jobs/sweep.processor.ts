import { RESOLVE_JOB, resolveJobId } from '@siar/shared';
import { enqueueDeliveries, expireOverduePendingPosts, refreshPostStatus, type TDatabase, type TLogger, type TPublishQueue } from '@siar/shared/node';
import { findDueDeliveries } from '../libraries/due-deliveries.repository';
import { findExpiredLeases, markOverdueMissed } from '../libraries/deliveries.repository';

/** Looks this far ahead, so a delivery missing from Redis is queued before it is due. */
const HORIZON_MS = 2 * 60_000;
/** At most this many of each kind per sweep; the next sweep takes the rest (oldest first). */
const BATCH = 5000;

export interface TSweepDeps {
  db: TDatabase;
  queue: TPublishQueue;
  logger: TLogger;
  maxLatenessMs: number;
  settleMs: number;
}

/**
 * Repairs what the normal path missed, every 30 s. Its three queries use the
 * (status, scheduled_at) index and a LIMIT, so a sweep costs what is due, not the history:
 * 1. `scheduled` deliveries overdue beyond the allowed lateness become `missed`;
 * 2. due and soon-due `scheduled` deliveries are re-added with their deterministic job ids
 *    (an existing job makes the add a no-op; an extra one fails its claim);
 * 3. `publishing` deliveries whose lease outlived the settle window get a resolve job;
 * 4. posts still pending approval at their time expire (through the (status, scheduled_at) index of post).
 */
export function createSweepProcessor(deps: TSweepDeps) {
  return async (): Promise<{ missed: number; queued: number; resolving: number; expired: number }> => {
    const now = Date.now();
    const missedPosts = await markOverdueMissed(deps.db, { cutoff: new Date(now - deps.maxLatenessMs), limit: BATCH });
    for (const postId of missedPosts) await refreshPostStatus(deps.db, postId);

    const due = await findDueDeliveries(deps.db, { until: new Date(now + HORIZON_MS), limit: BATCH });
    await enqueueDeliveries(
      deps.queue,
      due.map((d) => ({ deliveryId: d.id, revision: d.revision, scheduledAt: d.next_attempt_at ?? d.scheduled_at! })),
    );

    const expired = await findExpiredLeases(deps.db, { before: new Date(now - deps.settleMs), limit: BATCH });
    const resolving = expired.flatMap((d) => (d.lease_id ? [{ deliveryId: d.id, leaseId: d.lease_id }] : []));
    await deps.queue.addBulk(resolving.map((data) => ({ name: RESOLVE_JOB, data, opts: { jobId: resolveJobId(data), removeOnComplete: true, removeOnFail: true } })));
    const expiredPosts = await expireOverduePendingPosts(deps.db, { now: new Date(now), limit: BATCH });
    if (missedPosts.length || due.length || resolving.length || expiredPosts.length) deps.logger.info({ missedPosts: missedPosts.length, queued: due.length, resolving: resolving.length, expiredPosts: expiredPosts.length }, 'sweep');
    return { missed: missedPosts.length, queued: due.length, resolving: resolving.length, expired: expiredPosts.length };
  };
}
