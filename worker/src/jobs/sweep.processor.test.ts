import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createPublishQueue, createRedis, type TPublishQueue } from '@siar/shared/node';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../../../tests/support/test-database';
import { createSweepProcessor } from './sweep.processor';
import { testRedisUrl, testDatabaseOptions } from '../../../tests/support/test-redis';

let t: TTestDatabase;
let queue: TPublishQueue;
let redis: ReturnType<typeof createRedis>;
let insertDelivery: (o: { scheduledAt: Date; status?: string; revision?: number }) => Promise<string>;

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  redis = createRedis(testRedisUrl(), 'worker');
  queue = createPublishQueue(redis, `test-sweep-${randomUUID().slice(0, 8)}`);
  const opd = await buildOpd(t.db);
  const user = await buildUser(t.db, { opdIds: [opd.id] });
  const account = await buildAccount(t.db, t.ring, { opdId: opd.id });
  insertDelivery = async ({ scheduledAt, status = 'scheduled', revision = 1 }) => {
    const now = new Date().toISOString();
    const postId = randomUUID();
    const id = randomUUID();
    await t.db.insertInto('post').values({ id: postId, opd_id: opd.id, author_id: user.id, status, scheduled_at: scheduledAt.toISOString(), text: 't', media_ids: '[]', revision, created_at: now, updated_at: now }).execute();
    await t.db
      .insertInto('delivery')
      .values({ id, post_id: postId, account_id: account.id, text_override: null, status, revision, scheduled_at: scheduledAt.toISOString(), attempt: 0, next_attempt_at: null, lease_id: null, lease_at: null, external_id: null, external_url: null, published_at: null, last_error: null, updated_at: now })
      .execute();
    return id;
  };
});
afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
  await t.close();
});

describe('the sweeper', () => {
  it('when a due delivery is missing from Redis, then a sweep queues it once, however often it runs', async () => {
    const sweep = createSweepProcessor({ db: t.db, queue, logger: createLogger({ name: 't', level: 'silent' }), maxLatenessMs: 3600_000, settleMs: 60_000 });
    const overdue = await insertDelivery({ scheduledAt: new Date(Date.now() - 5000), revision: 3 });
    const soon = await insertDelivery({ scheduledAt: new Date(Date.now() + 60_000) });
    const later = await insertDelivery({ scheduledAt: new Date(Date.now() + 3600_000) });
    const published = await insertDelivery({ scheduledAt: new Date(Date.now() - 5000), status: 'published' });

    await sweep();
    await sweep();

    expect(await queue.getJob(`publish-${overdue}-r3`)).toBeDefined();
    expect((await queue.getJob(`publish-${soon}-r1`))?.opts.delay).toBeGreaterThan(50_000);
    expect(await queue.getJob(`publish-${later}-r1`)).toBeUndefined();
    expect(await queue.getJob(`publish-${published}-r1`)).toBeUndefined();
    const counts = await queue.getJobCounts('delayed', 'wait');
    expect((counts.delayed ?? 0) + (counts.wait ?? 0)).toBe(2);
  });

  it('when a scheduled delivery is overdue beyond the allowed lateness, then it becomes missed and is not queued', async () => {
    const sweep = createSweepProcessor({ db: t.db, queue, logger: createLogger({ name: 't', level: 'silent' }), maxLatenessMs: 3600_000, settleMs: 60_000 });
    const stale = await insertDelivery({ scheduledAt: new Date(Date.now() - 3 * 3600_000) });
    await sweep();
    expect(await queue.getJob(`publish-${stale}-r1`)).toBeUndefined();
    expect((await t.db.selectFrom('delivery').select('status').where('id', '=', stale).executeTakeFirstOrThrow()).status).toBe('missed');
  });

  it('when a lease outlived the settle window, then one resolve job is queued for it, and none for a fresh lease', async () => {
    const sweep = createSweepProcessor({ db: t.db, queue, logger: createLogger({ name: 't', level: 'silent' }), maxLatenessMs: 3600_000, settleMs: 60_000 });
    const old = await insertDelivery({ scheduledAt: new Date(Date.now() - 120_000), status: 'publishing' });
    const fresh = await insertDelivery({ scheduledAt: new Date(Date.now() - 1000), status: 'publishing' });
    await t.db.updateTable('delivery').set({ lease_id: 'lease-old', lease_at: new Date(Date.now() - 90_000).toISOString() }).where('id', '=', old).execute();
    await t.db.updateTable('delivery').set({ lease_id: 'lease-new', lease_at: new Date().toISOString() }).where('id', '=', fresh).execute();
    await sweep();
    await sweep();
    expect(await queue.getJob(`resolve-${old}-lease-old`)).toBeDefined();
    expect(await queue.getJob(`resolve-${fresh}-lease-new`)).toBeUndefined();
  });
});
