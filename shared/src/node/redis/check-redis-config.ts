import type { Redis } from 'ioredis';

/**
 * Siar's queue must survive a Redis restart and never lose a key to eviction. Answers the
 * problems found (empty when fine); CONFIG may be disabled on a managed Redis: then unknown.
 */
export async function checkRedisConfig(redis: Redis): Promise<string[]> {
  try {
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
    const [, aof] = (await redis.config('GET', 'appendonly')) as [string, string];
    const [, save] = (await redis.config('GET', 'save')) as [string, string];
    const problems: string[] = [];
    if (policy !== 'noeviction') problems.push(`maxmemory-policy is ${policy}, not noeviction: Redis may evict queued jobs`);
    if (aof !== 'yes' && !save) problems.push('persistence is off (appendonly no, no save points): a Redis restart loses the queue until the sweeper rebuilds it');
    return problems;
  } catch (err) {
    return [`could not read the Redis configuration (${err instanceof Error ? err.message : String(err)}); make sure of appendonly yes and maxmemory-policy noeviction`];
  }
}
