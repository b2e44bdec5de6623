import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { PUBLISH_JOB, PUBLISH_QUEUE, publishJobId, type TPublishJobData } from '../../jobs/publish';

export type TPublishQueue = Queue<TPublishJobData>;

export function createPublishQueue(connection: Redis, prefix = 'siar'): TPublishQueue {
  return new Queue<TPublishJobData>(PUBLISH_QUEUE, { connection, prefix });
}

export interface TDueDelivery {
  deliveryId: string;
  revision: number;
  scheduledAt: string;
}

/**
 * Adds one delayed job per delivery with its deterministic id: an id already in Redis is a
 * no-op, so callers (API, sweeper) may add the same delivery as often as they like.
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
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      };
    }),
  );
}
