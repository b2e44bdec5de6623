import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { PUBLISH_QUEUE, publishJobId } from '@siar/shared';
import type { TLogger } from '@siar/shared/node';

export interface TPublishJobRemover {
  /**
   * Removes the delayed jobs of deliveries that must not run (an edit sent back to approval, a
   * new revision). Never throws: a job left behind is harmless, its claim fails on the revision
   * or on the post's status; this only keeps the queue showing what is really scheduled.
   */
  remove(deliveries: { deliveryId: string; revision: number }[], context: { postId: string }): Promise<void>;
}

/** An API request never waits longer than this on Redis. */
const REMOVE_TIMEOUT_MS = 2000;

export function createPublishJobRemover(queues: Queue[], redis: Redis, logger: TLogger): TPublishJobRemover {
  const queue = queues.find((q) => q.name === PUBLISH_QUEUE);
  return {
    async remove(deliveries, context) {
      if (!queue || deliveries.length === 0) return;
      let timer: NodeJS.Timeout | undefined;
      try {
        if (redis.status === 'end') throw new Error('redis connection closed');
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('job removal timed out')), REMOVE_TIMEOUT_MS);
        });
        // A job running right now is locked and stays; its claim is refused.
        await Promise.race([Promise.all(deliveries.map((d) => queue.remove(publishJobId(d)).catch(() => 0))), timeout]);
      } catch (err) {
        logger.warn(
          { err: err instanceof Error ? err.message : String(err), postId: context.postId, deliveries: deliveries.length },
          'could not remove stale publish jobs; their claims will fail',
        );
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
