import { randomUUID } from 'node:crypto';
import { createPublishQueue, createRedis, enqueueDeliveries } from '@siar/shared/node';
import { benchRedis } from './bench-support';

const JOBS = Number(process.env.BENCH_MEMORY_JOBS ?? 100_000);

/** Redis memory per delayed publish job, with the options Siar really uses. */
export async function memoryBench() {
  const redis = await benchRedis();
  const connection = createRedis(redis.url, 'worker');
  try {
    const queue = createPublishQueue(connection, 'bench-memory');
    await queue.waitUntilReady();
    const used = async () => Number(/used_memory:(\d+)/.exec(await connection.info('memory'))?.[1]);
    const before = await used();
    const at = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    for (let i = 0; i < JOBS; i += 5000) {
      await enqueueDeliveries(queue, Array.from({ length: Math.min(5000, JOBS - i) }, () => ({ deliveryId: randomUUID(), revision: 1, scheduledAt: at })));
    }
    const after = await used();
    await queue.close();
    return { delayedJobs: JOBS, redisUsedMemoryMb: Math.round((after - before) / 1024 / 102.4) / 10, bytesPerJob: Math.round((after - before) / JOBS), target: { bytesPerJob: '<= 1536' } };
  } finally {
    connection.disconnect();
    await redis.stop();
  }
}
