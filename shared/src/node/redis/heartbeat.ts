import type { Redis } from 'ioredis';

const KEY = (prefix: string) => `${prefix}:heartbeats:worker`;
export const HEARTBEAT_EVERY_MS = 10_000;
/** A worker not heard from for this long is considered gone. */
export const HEARTBEAT_STALE_MS = 35_000;

/** Each worker writes its id with the time into one sorted set; readers count the fresh ones. */
export function startHeartbeat(redis: Redis, prefix: string, workerId: string): () => void {
  const beat = () => {
    const now = Date.now();
    void redis
      .multi()
      .zadd(KEY(prefix), now, workerId)
      .zremrangebyscore(KEY(prefix), '-inf', now - 10 * HEARTBEAT_STALE_MS)
      .exec()
      .catch(() => undefined);
  };
  beat();
  const timer = setInterval(beat, HEARTBEAT_EVERY_MS);
  return () => {
    clearInterval(timer);
    void redis.zrem(KEY(prefix), workerId).catch(() => undefined);
  };
}

export async function freshWorkers(redis: Redis, prefix: string, now = Date.now()): Promise<number> {
  return redis.zcount(KEY(prefix), now - HEARTBEAT_STALE_MS, '+inf');
}
