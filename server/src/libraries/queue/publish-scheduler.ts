import type { Redis } from 'ioredis';
import { enqueueDeliveries, type TDueDelivery, type TLogger, type TPublishQueue } from '@siar/shared/node';

export interface TPublishScheduler {
  /** Never throws: the database already holds the schedule, the sweeper repairs the queue. */
  schedule(deliveries: TDueDelivery[], context: { postId: string }): Promise<void>;
}

/** An API request never waits longer than this on Redis. */
const ENQUEUE_TIMEOUT_MS = 2000;

export function createPublishScheduler(queue: TPublishQueue, redis: Redis, logger: TLogger): TPublishScheduler {
  return {
    async schedule(deliveries, context) {
      let timer: NodeJS.Timeout | undefined;
      try {
        if (redis.status === 'end') throw new Error('redis connection closed');
        // BullMQ waits for a connection that is not ready; a request must not.
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('enqueue timed out')), ENQUEUE_TIMEOUT_MS);
        });
        await Promise.race([enqueueDeliveries(queue, deliveries), timeout]);
      } catch (err) {
        logger.warn({ err: err instanceof Error ? err.message : String(err), postId: context.postId, deliveries: deliveries.length }, 'could not queue deliveries; the sweeper will queue them');
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
