import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { PUBLISH_JOB, PUBLISH_QUEUE, publishJobId, type TPublishJobData, type TResolveJobData } from '../../jobs/publish';

/** One queue for publishing and for resolving expired leases (both call the platform). */
export type TPublishQueue = Queue<TPublishJobData | TResolveJobData>;

export function createPublishQueue(connection: Redis, prefix = 'siar'): TPublishQueue {
  return new Queue<TPublishJobData | TResolveJobData>(PUBLISH_QUEUE, { connection, prefix });
}

export interface TDueDelivery {
  deliveryId: string;
  revision: number;
  scheduledAt: string;
}

/**
 * Adds one delayed job per delivery with its deterministic id: an id already in Redis is a
 * no-op, so callers (API, sweeper) may add the same delivery as often as they like.
 * `scheduledAt` is when the job should run (a retry's next attempt, or the post's time).
 */
export async function enqueueDeliveries(queue: TPublishQueue, deliveries: TDueDelivery[], now = Date.now()): Promise<void> {
  if (deliveries.length === 0) return;
  await queue.addBulk(
    deliveries.map((d) => {
      const data = { deliveryId: d.deliveryId, revision: d.revision };
      return {
        name: PUBLISH_JOB,
        data,
        opts: {
          jobId: publishJobId(data),
          delay: Math.max(0, Date.parse(d.scheduledAt) - now),
          // Finished jobs are removed so the same id can be added again (a retry, a re-queue):
          // the database row, not BullMQ's lists, records what happened.
          removeOnComplete: true,
          removeOnFail: true,
        },
      };
    }),
  );
}
