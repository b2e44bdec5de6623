import { Redis, type RedisOptions } from 'ioredis';
import type { TRedisTarget } from './redis-target';

/**
 * Workers block on Redis and must retry forever (`maxRetriesPerRequest: null`); the API
 * must fail fast so a Redis outage never hangs a request (`enableOfflineQueue: false`).
 */
export function createRedis(target: string | TRedisTarget, role: 'worker' | 'producer', extra: RedisOptions = {}): Redis {
  const where = typeof target === 'string' ? { kind: 'url' as const, url: target } : target;
  const sentinel: RedisOptions =
    where.kind === 'sentinel' ? { sentinels: where.sentinels, name: where.name, password: where.password, sentinelPassword: where.sentinelPassword, db: where.db ?? 0 } : {};
  const open = (options: RedisOptions) => (where.kind === 'url' ? new Redis(where.url, options) : new Redis({ ...sentinel, ...options }));
  const common: RedisOptions = { lazyConnect: false, connectionName: `siar-${role}`, ...extra };
  if (role === 'worker') return open({ ...common, maxRetriesPerRequest: null });
  return open({
    ...common,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}
