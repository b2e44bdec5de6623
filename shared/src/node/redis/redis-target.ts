import { z } from 'zod';

/** Where Redis is: one URL, or a Sentinel group that names the current primary. */
export type TRedisTarget =
  | { kind: 'url'; url: string }
  | { kind: 'sentinel'; sentinels: { host: string; port: number }[]; name: string; password?: string | undefined; sentinelPassword?: string | undefined; db?: number };

const ZHostPort = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'each sentinel must look like host:port')
  .transform((s) => {
    const i = s.lastIndexOf(':');
    return { host: s.slice(0, i), port: Number(s.slice(i + 1)) };
  })
  .refine((h) => h.port > 0 && h.port < 65536, 'port out of range');

/** `REDIS_SENTINELS="10.0.0.1:26379,10.0.0.2:26379"` → the list ioredis expects. */
export const ZSentinelList = z
  .string()
  .transform((s) => s.split(',').filter((p) => p.trim() !== ''))
  .pipe(z.array(ZHostPort).min(1, 'at least one sentinel'));

export function redisTarget(env: { REDIS_URL: string; REDIS_SENTINELS?: { host: string; port: number }[] | undefined; REDIS_SENTINEL_NAME?: string | undefined; REDIS_PASSWORD?: string | undefined; REDIS_SENTINEL_PASSWORD?: string | undefined }): TRedisTarget {
  if (!env.REDIS_SENTINELS) return { kind: 'url', url: env.REDIS_URL };
  return { kind: 'sentinel', sentinels: env.REDIS_SENTINELS, name: env.REDIS_SENTINEL_NAME ?? 'mymaster', password: env.REDIS_PASSWORD, sentinelPassword: env.REDIS_SENTINEL_PASSWORD };
}
