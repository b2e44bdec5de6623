import { enqueueDeliveries, type TDueDelivery, type TLogger, type TPublishQueue } from '@siar/shared/node';

export interface TPublishScheduler {
  /** Never throws: the database already holds the schedule, the sweeper repairs the queue. */
  schedule(deliveries: TDueDelivery[], context: { postId: string }): Promise<void>;
}

export function createPublishScheduler(queue: TPublishQueue, logger: TLogger): TPublishScheduler {
  return {
    async schedule(deliveries, context) {
      try {
        await enqueueDeliveries(queue, deliveries);
      } catch (err) {
        logger.warn({ err, postId: context.postId, deliveries: deliveries.length }, 'could not queue deliveries; the sweeper will queue them');
      }
    },
  };
}
