import { Redis, type RedisOptions } from 'ioredis';

/**
 * Workers block on Redis and must retry forever (`maxRetriesPerRequest: null`); the API
 * must fail fast so a Redis outage never hangs a request (`enableOfflineQueue: false`).
 */
export function createRedis(url: string, role: 'worker' | 'producer', extra: RedisOptions = {}): Redis {
  const common: RedisOptions = { lazyConnect: false, connectionName: `siar-${role}`, ...extra };
  if (role === 'worker') return new Redis(url, { ...common, maxRetriesPerRequest: null });
  return new Redis(url, {
    ...common,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}
