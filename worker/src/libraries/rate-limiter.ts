import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { TRateLimit } from '@siar/shared/node';

// Sliding windows as sorted sets, plus "blocked until" keys set from the platform's own 429s.
// Checks every window first and takes a slot in all of them only when all have room, so a
// refused call uses no quota. Answers 0, or the epoch ms when a slot frees.
const TAKE_SLOT = `
local now = tonumber(ARGV[1])
local member = ARGV[2]
local n = #KEYS / 2
local waitUntil = 0
for i = 1, n do
  local blocked = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
  if blocked > now then waitUntil = math.max(waitUntil, blocked) end
  local window = tonumber(ARGV[1 + 2 * i])
  local max = tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[2 * i - 1], '-inf', now - window)
  if redis.call('ZCARD', KEYS[2 * i - 1]) >= max then
    local oldest = redis.call('ZRANGE', KEYS[2 * i - 1], 0, 0, 'WITHSCORES')
    waitUntil = math.max(waitUntil, tonumber(oldest[2]) + window)
  end
end
if waitUntil > 0 then return waitUntil end
for i = 1, n do
  redis.call('ZADD', KEYS[2 * i - 1], now, member)
  redis.call('PEXPIRE', KEYS[2 * i - 1], tonumber(ARGV[1 + 2 * i]))
end
return 0
`;

const TAKE_SLOT_SHA = createHash('sha1').update(TAKE_SLOT).digest('hex');

/** By its hash (Redis keeps compiled scripts); the script's text only when Redis has not seen it (a restart, SCRIPT FLUSH). */
async function takeSlot(redis: Redis, keys: string[], args: string[]): Promise<number> {
  try {
    return Number(await redis.evalsha(TAKE_SLOT_SHA, keys.length, ...keys, ...args));
  } catch (err) {
    if (!(err instanceof Error && err.message.startsWith('NOSCRIPT'))) throw err;
    return Number(await redis.eval(TAKE_SLOT, keys.length, ...keys, ...args));
  }
}

export interface TRateLimiter {
  /** Takes a slot in every window of the platform, or answers when to try again. */
  take(o: { platform: string; accountId: string; limits: TRateLimit[]; member: string; now?: number }): Promise<{ ok: true } | { ok: false; retryAt: Date }>;
  /** Remembers a platform's 429 so no other job calls before the reset. */
  block(o: { platform: string; accountId: string; scope: 'account' | 'app'; until: Date }): Promise<void>;
}

export function createRateLimiter(redis: Redis, prefix: string): TRateLimiter {
  const key = (platform: string, scope: 'account' | 'app', accountId: string) =>
    scope === 'app' ? `${prefix}:ratelimit:${platform}:app` : `${prefix}:ratelimit:${platform}:account:${accountId}`;
  return {
    async take({ platform, accountId, limits, member, now = Date.now() }) {
      // A platform's own 429 holds its scope even where Siar keeps no window of that scope
      // (a platform with no declared limits, or only per-account ones).
      const unwindowed = (['account', 'app'] as const).filter((scope) => !limits.some((l) => l.scope === scope));
      if (unwindowed.length > 0) {
        const blocked = await redis.mget(...unwindowed.map((scope) => `${key(platform, scope, accountId)}:blocked`));
        const until = Math.max(0, ...blocked.map((v) => Number(v ?? 0)));
        if (until > now) return { ok: false, retryAt: new Date(until) };
      }
      if (limits.length === 0) return { ok: true };
      const keys = limits.flatMap((l) => [key(platform, l.scope, accountId), `${key(platform, l.scope, accountId)}:blocked`]);
      const args = [String(now), member, ...limits.flatMap((l) => [String(l.windowMs), String(l.max)])];
      const waitUntil = await takeSlot(redis, keys, args);
      return waitUntil > 0 ? { ok: false, retryAt: new Date(waitUntil) } : { ok: true };
    },
    async block({ platform, accountId, scope, until }) {
      const ms = until.getTime() - Date.now();
      if (ms > 0) await redis.set(`${key(platform, scope, accountId)}:blocked`, String(until.getTime()), 'PX', ms);
    },
  };
}
