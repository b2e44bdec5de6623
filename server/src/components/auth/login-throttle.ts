import type { Redis } from 'ioredis';
import type { TLogger } from '@siar/shared/node';

/** Failures allowed before any wait; then 1 s, 2 s, 4 s… doubling per failure, up to 15 min. */
export const LOGIN_FREE_FAILURES = 10;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15 * 60_000;
/** A scope forgets its failures this long after the last one (plus the wait it imposed). */
const WINDOW_MS = 15 * 60_000;
/** A browser's address stays trusted for a username this long after a successful login there. */
const TRUST_MS = 30 * 24 * 3600_000;

export type TThrottleScope = 'ip' | 'user' | 'pair';
export type TThrottleGate = { allowed: true } | { allowed: false; retryAfterMs: number; scope: TThrottleScope };

// KEYS: the scopes' hashes ({ n, last }), the checked ones first. ARGV: now, how many are
// checked, free failures, base delay, max delay, window. Checks every checked scope; when none
// makes the caller wait, counts the attempt in every scope at once (before the password is
// verified, so a burst of parallel guesses is counted, not let through).
const RESERVE = `
local now = tonumber(ARGV[1])
local checked, free, base, max, window = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local function delay(n) if n < free then return 0 end return math.min(base * 2 ^ (n - free), max) end
for i = 1, checked do
  local n = tonumber(redis.call('HGET', KEYS[i], 'n') or '0')
  local last = tonumber(redis.call('HGET', KEYS[i], 'last') or '0')
  local wait = last + delay(n) - now
  if n >= free and wait > 0 then return { math.ceil(wait), i } end
end
for i = 1, #KEYS do
  local n = redis.call('HINCRBY', KEYS[i], 'n', 1)
  redis.call('HSET', KEYS[i], 'last', now)
  redis.call('PEXPIRE', KEYS[i], window + delay(n))
end
return { 0, 0 }
`;

// KEYS: the scopes to give the attempt back to (it was not a failure). Never below zero.
const RELEASE = `
for i = 1, #KEYS do
  local n = tonumber(redis.call('HGET', KEYS[i], 'n') or '0')
  if n > 0 then redis.call('HINCRBY', KEYS[i], 'n', -1) end
end
return 0
`;

export interface TLoginThrottle {
  /** Refuses with the wait, or counts the attempt as a failure in advance. */
  reserve(who: { username: string; ip: string }): Promise<TThrottleGate>;
  /** The attempt was right: it is not a failure, and this address becomes trusted for the user. */
  succeeded(who: { username: string; ip: string }): Promise<void>;
}

/**
 * Login throttling in Redis, per address, per username, and per username-and-address.
 * An address where the user has logged in before (their office, their phone's network) is held
 * only to the failures made from it: guesses at the username from elsewhere cannot lock the
 * real user out there. From a new address the per-username wait applies too, but it never
 * exceeds 15 minutes and refused attempts do not lengthen it. Failures still count everywhere,
 * so trusted addresses are no shortcut for guessing. When Redis is unreachable, login stays
 * possible (logged): the throttle protects, it must not lock everyone out.
 */
export function createLoginThrottle(deps: { redis: Redis; prefix: string; logger: TLogger }): TLoginThrottle {
  const key = (scope: string, value: string) => `${deps.prefix}:login:${scope}:${value}`;
  const keysOf = ({ username, ip }: { username: string; ip: string }) => {
    const user = username.trim().toLowerCase();
    return { ip: key('ip', ip), user: key('user', user), pair: key('pair', `${user}|${ip}`), trust: key('trust', `${user}|${ip}`) };
  };
  const warn = (err: unknown) =>
    deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'login throttle unavailable (redis); not throttling');

  return {
    async reserve(who) {
      const k = keysOf(who);
      try {
        const trusted = (await deps.redis.exists(k.trust)) === 1;
        const order: [TThrottleScope, string][] = trusted
          ? [
              ['pair', k.pair],
              ['ip', k.ip],
              ['user', k.user],
            ]
          : [
              ['ip', k.ip],
              ['user', k.user],
              ['pair', k.pair],
            ];
        const checked = trusted ? 1 : 3;
        const [waitMs, index] = (await deps.redis.eval(
          RESERVE,
          order.length,
          ...order.map(([, v]) => v),
          Date.now(),
          checked,
          LOGIN_FREE_FAILURES,
          BASE_DELAY_MS,
          MAX_DELAY_MS,
          WINDOW_MS,
        )) as [number, number];
        if (waitMs > 0) return { allowed: false, retryAfterMs: waitMs, scope: order[index - 1]![0] };
        return { allowed: true };
      } catch (err) {
        warn(err);
        return { allowed: true };
      }
    },
    async succeeded(who) {
      const k = keysOf(who);
      try {
        await deps.redis.eval(RELEASE, 2, k.ip, k.user);
        await deps.redis.multi().del(k.pair).set(k.trust, '1', 'PX', TRUST_MS).exec();
      } catch (err) {
        warn(err);
      }
    },
  };
}
