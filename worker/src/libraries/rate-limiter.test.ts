import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis } from '@siar/shared/node';
import { testRedisUrl } from '../../../tests/support/test-redis';
import { createRateLimiter } from './rate-limiter';

const redis = createRedis(testRedisUrl(), 'worker');
const limiter = createRateLimiter(redis, `test-rl-${randomUUID().slice(0, 8)}`);
afterAll(() => redis.disconnect());

const limits = [
  { scope: 'account' as const, windowMs: 60_000, max: 3 },
  { scope: 'app' as const, windowMs: 60_000, max: 5 },
];

describe('the quota limiter', () => {
  it('when Redis has forgotten the script (a restart, SCRIPT FLUSH), then a take loads it again', async () => {
    const own = createRateLimiter(redis, `test-rl-${randomUUID().slice(0, 8)}`);
    await redis.script('FLUSH');
    expect(await own.take({ platform: 'x', accountId: 'a', limits, member: 'f0', now: 1_000_000 })).toEqual({ ok: true });
    await redis.script('FLUSH');
    for (let i = 1; i < 3; i++) expect(await own.take({ platform: 'x', accountId: 'a', limits, member: `f${i}`, now: 1_000_000 + i })).toEqual({ ok: true });
    expect((await own.take({ platform: 'x', accountId: 'a', limits, member: 'f3', now: 1_000_010 })).ok).toBe(false);
  });

  it('when an account has used its window, then the next call waits until the oldest slot frees, and other accounts go on', async () => {
    const now = 1_000_000;
    for (let i = 0; i < 3; i++) expect(await limiter.take({ platform: 'x', accountId: 'a', limits, member: `a${i}`, now: now + i })).toEqual({ ok: true });
    const refused = await limiter.take({ platform: 'x', accountId: 'a', limits, member: 'a3', now: now + 10 });
    expect(refused).toEqual({ ok: false, retryAt: new Date(now + 60_000) });
    expect(await limiter.take({ platform: 'x', accountId: 'b', limits, member: 'b0', now: now + 11 })).toEqual({ ok: true });
  });

  it("when the app's window is full, then every account waits, and a refused call used no slot", async () => {
    const now = 1_000_000;
    expect(await limiter.take({ platform: 'x', accountId: 'c', limits, member: 'c0', now: now + 20 })).toEqual({ ok: true });
    // 5 app slots are now used (a×3, b, c): c waits for the app's window, not its own.
    const refused = await limiter.take({ platform: 'x', accountId: 'c', limits, member: 'c1', now: now + 21 });
    expect(refused.ok).toBe(false);
    const later = await limiter.take({ platform: 'x', accountId: 'c', limits, member: 'c2', now: now + 60_001 });
    expect(later).toEqual({ ok: true });
  });

  it("when the platform answered 429, then calls for that account wait until its reset", async () => {
    const until = new Date(Date.now() + 5_000);
    await limiter.block({ platform: 'x', accountId: 'd', scope: 'account', until });
    const res = await limiter.take({ platform: 'x', accountId: 'd', limits: [{ scope: 'account', windowMs: 1000, max: 100 }], member: 'd0' });
    expect(res).toEqual({ ok: false, retryAt: until });
  });

  it('when a platform without declared limits answered 429, then calls for that account (or the whole app) still wait until its reset', async () => {
    const until = new Date(Date.now() + 5_000);
    await limiter.block({ platform: 'facebook', accountId: 'page-1', scope: 'account', until });
    expect(await limiter.take({ platform: 'facebook', accountId: 'page-1', limits: [], member: 'p0' })).toEqual({ ok: false, retryAt: until });
    expect(await limiter.take({ platform: 'facebook', accountId: 'page-2', limits: [], member: 'p1' })).toEqual({ ok: true });
    await limiter.block({ platform: 'facebook', accountId: 'page-2', scope: 'app', until });
    expect(await limiter.take({ platform: 'facebook', accountId: 'page-3', limits: [{ scope: 'account', windowMs: 1000, max: 10 }], member: 'p2' })).toEqual({ ok: false, retryAt: until });
  });
});
