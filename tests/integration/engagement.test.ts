import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZActivityResponse, ZPost } from '@siar/shared';
import { createLogger, createPlatformRegistry, createRedis } from '@siar/shared/node';
import { createCollectMetricsProcessor } from '../../worker/src/jobs/collect-metrics.processor';
import { createRateLimiter } from '../../worker/src/libraries/rate-limiter';
import { startXEmulator, type TXEmulator } from '../emulators/x/x-emulator';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

/**
 * Engagement history (issue #7, item 4): the collect-metrics job against the X emulator, the
 * snapshots in the post DTO, the sums and top posts of the activity overview, and scoping.
 */

const PASSWORD = 'Test-Password-123';
const MIN = 60_000;
const HOUR = 60 * MIN;

let t: TTestDatabase;
let emulator: TXEmulator;
let app: TTestApp;
let redis: ReturnType<typeof createRedis>;
let collect: ReturnType<typeof createCollectMetricsProcessor>;
let supervisor: ApiClient;
let operatorA: ApiClient;
let operatorB: ApiClient;
type TAccount = Awaited<ReturnType<typeof buildAccount>>;
let aX: TAccount;
let aY: TAccount;
let bX: TAccount;
/** Publication time of the seeded posts: 30 minutes before the tests start. */
let published: number;
const posts: Record<string, string> = {};
const tweets: Record<string, string> = {};
/** The emulator's JSON answers, read field by field where used. */
type TEmuBody = { data: { id: string }; metricReads?: number };

async function emu(path: string, body?: unknown, token?: string): Promise<{ status: number; body: TEmuBody }> {
  const res = await fetch(`${emulator.url}${path}`, {
    ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as TEmuBody };
}

/** A tweet really posted on the emulator, and a post whose deliveries are those tweets. */
async function seedPost(key: string, o: { opdId: string; at: number; on: { name: string; account: TAccount }[] }) {
  const postId = randomUUID();
  const at = new Date(o.at).toISOString();
  await t.db.insertInto('post').values({ id: postId, opd_id: o.opdId, author_id: (await t.db.selectFrom('user').select('id').executeTakeFirstOrThrow()).id, status: 'published', scheduled_at: at, text: `Kabar ${key} ${postId}`, media_ids: '[]', revision: 1, created_at: at, updated_at: at }).execute();
  for (const { name, account } of o.on) {
    const tweet = await emu('/2/tweets', { text: `Kabar ${key} ${name} ${postId}` }, account.accessToken);
    expect(tweet.status).toBe(201);
    tweets[name] = tweet.body.data.id;
    await t.db
      .insertInto('delivery')
      .values({ id: randomUUID(), post_id: postId, account_id: account.id, text_override: null, status: 'published', revision: 1, scheduled_at: at, attempt: 1, next_attempt_at: null, lease_id: null, lease_at: null, external_id: tweets[name], external_url: `https://x.com/${account.handle}/status/${tweets[name]}`, published_at: at, last_error: null, updated_at: at })
      .execute();
  }
  posts[key] = postId;
}

const setMetrics = async (name: string, m: { likes: number; reposts: number; replies: number; impressions?: number | null }) => expect((await emu('/_emulator/metrics', { tweetId: tweets[name], ...m })).status).toBe(204);
const metricReads = async () => (await emu('/_emulator/stats')).body.metricReads ?? 0;
const snapshots = () => t.db.selectFrom('metric_snapshot').selectAll().orderBy('point').orderBy('delivery_id').execute();

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  emulator = await startXEmulator();
  const adapters = createPlatformRegistry({ x: { apiBaseUrl: emulator.url, webBaseUrl: 'https://x.com', requestTimeoutMs: 5000, postsPer15MinPerUser: 100, appPostsPer24h: 10_000, authorizeBaseUrl: emulator.url } });
  const prefix = `test-engagement-${randomUUID().slice(0, 8)}`;
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix, adapters });
  redis = createRedis(testRedisUrl(), 'worker');
  const logger = createLogger({ name: 'test-collector', level: 'silent' });
  collect = createCollectMetricsProcessor({ db: t.db, adapters, logger, limiter: createRateLimiter(redis, prefix), refresher: { db: t.db, ring: t.ring, redis, prefix, adapters, logger } });

  const opdA = await buildOpd(t.db, { name: 'Dinas Kesehatan', code: 'DINKES' });
  const opdB = await buildOpd(t.db, { name: 'Kecamatan Tigaraksa', code: 'TGRKS' });
  await buildUser(t.db, { username: 'op-a', role: 'operator', opdIds: [opdA.id] });
  await buildUser(t.db, { username: 'op-b', role: 'operator', opdIds: [opdB.id] });
  await buildUser(t.db, { username: 'kominfo', role: 'supervisor' });
  aX = await buildAccount(t.db, t.ring, { opdId: opdA.id, handle: 'dinkes' });
  aY = await buildAccount(t.db, t.ring, { opdId: opdA.id, handle: 'dinkes_info' });
  bX = await buildAccount(t.db, t.ring, { opdId: opdB.id, handle: 'camat' });
  for (const a of [aX, aY, bX]) expect((await emu('/_emulator/users', { id: a.external_id, username: a.handle, accessToken: a.accessToken })).status).toBe(204);
  supervisor = new ApiClient(app.url);
  operatorA = new ApiClient(app.url);
  operatorB = new ApiClient(app.url);
  expect((await supervisor.login('kominfo', PASSWORD)).status).toBe(200);
  expect((await operatorA.login('op-a', PASSWORD)).status).toBe(200);
  expect((await operatorB.login('op-b', PASSWORD)).status).toBe(200);

  published = Date.now() - 30 * MIN;
  await seedPost('p1', { opdId: opdA.id, at: published, on: [{ name: 't1', account: aX }, { name: 't2', account: aY }] });
  await seedPost('p2', { opdId: opdB.id, at: published, on: [{ name: 't3', account: bX }] });
  await seedPost('p3', { opdId: opdA.id, at: published, on: [{ name: 't4', account: aX }] });
  await setMetrics('t1', { likes: 10, reposts: 2, replies: 1, impressions: 500 });
  await setMetrics('t2', { likes: 5, reposts: 1, replies: 0, impressions: null });
  await setMetrics('t3', { likes: 7, reposts: 7, replies: 7 });
  await setMetrics('t4', { likes: 1, reposts: 0, replies: 0 });
}, 60_000);

afterAll(async () => {
  await app?.close();
  redis?.disconnect();
  await emulator?.close();
  await t?.close();
});

describe('collecting public metrics', () => {
  it('when a post is younger than 1 h, then nothing is read; at 1 h each delivery gets its 1h snapshot, read in one request per account', async () => {
    const reads = await metricReads();
    expect(await collect(new Date(published + 59 * MIN))).toEqual({ collected: 0, postponed: 0, failed: 0 });
    expect(await snapshots()).toEqual([]);
    expect(await metricReads()).toBe(reads);

    expect(await collect(new Date(published + 61 * MIN))).toEqual({ collected: 4, postponed: 0, failed: 0 });
    const rows = await snapshots();
    expect(rows.map((r) => r.point)).toEqual(['1h', '1h', '1h', '1h']);
    const t1 = await t.db.selectFrom('metric_snapshot').innerJoin('delivery', 'delivery.id', 'metric_snapshot.delivery_id').selectAll('metric_snapshot').where('delivery.external_id', '=', tweets.t1!).executeTakeFirstOrThrow();
    expect(t1).toMatchObject({ likes: 10, reposts: 2, replies: 1, impressions: 500, collected_at: new Date(published + 61 * MIN).toISOString() });
    // aX (t1 and t4 together), aY and bX: three accounts, three reads.
    expect(await metricReads()).toBe(reads + 3);
  });

  it('when the job runs again before the next point, then no point is taken twice and X is not asked', async () => {
    const reads = await metricReads();
    expect(await collect(new Date(published + 3 * HOUR))).toEqual({ collected: 0, postponed: 0, failed: 0 });
    expect(await snapshots()).toHaveLength(4);
    expect(await metricReads()).toBe(reads);
  });

  it('when 24 h have passed, then the 24h point is collected once with the numbers of that time', async () => {
    await setMetrics('t1', { likes: 20, reposts: 4, replies: 2, impressions: 900 });
    expect(await collect(new Date(published + 24 * HOUR + MIN))).toEqual({ collected: 4, postponed: 0, failed: 0 });
    expect(await collect(new Date(published + 24 * HOUR + 2 * MIN))).toEqual({ collected: 0, postponed: 0, failed: 0 });
    const rows = await snapshots();
    expect(rows.map((r) => r.point).sort()).toEqual(['1h', '1h', '1h', '1h', '24h', '24h', '24h', '24h']);
  });
});

describe('engagement shown', () => {
  it('when an operator reads their post, then each delivery carries its latest snapshot; another OPD’s operator gets 404', async () => {
    const res = await operatorA.get(`/api/posts/${posts.p1}`);
    expect(res.status).toBe(200);
    const post = ZPost.parse(res.body);
    const byTweet = new Map(post.deliveries.map((d) => [d.externalId, d.metrics]));
    expect(byTweet.get(tweets.t1!)).toEqual({ likes: 20, reposts: 4, replies: 2, impressions: 900, point: '24h', collectedAt: new Date(published + 24 * HOUR + MIN).toISOString() });
    expect(byTweet.get(tweets.t2!)).toMatchObject({ likes: 5, reposts: 1, replies: 0, impressions: null, point: '24h' });

    const list = await operatorA.get('/api/posts');
    expect(list.status).toBe(200);
    const listed = (list.body.items as unknown[]).map((p) => ZPost.parse(p)).find((p) => p.id === posts.p3);
    expect(listed?.deliveries[0]?.metrics).toMatchObject({ likes: 1, reposts: 0, replies: 0, point: '24h' });

    expect((await operatorB.get(`/api/posts/${posts.p1}`)).status).toBe(404);
    const others = await operatorB.get('/api/posts');
    expect((others.body.items as { id: string }[]).map((p) => p.id)).toEqual([posts.p2]);
  });

  it('when a supervisor reads the activity of the period, then the sums per account and OPD and the top posts equal the hand-computed ones', async () => {
    const range = { from: new Date(published - 24 * HOUR).toISOString(), to: new Date(published + 24 * HOUR).toISOString() };
    const res = await supervisor.get(`/api/activity?${new URLSearchParams(range).toString()}`);
    expect(res.status).toBe(200);
    const body = ZActivityResponse.parse(res.body);
    const opd = (code: string) => body.opds.find((o) => o.code === code)!;
    const account = (id: string) => body.opds.flatMap((o) => o.accounts).find((a) => a.id === id)!;
    // aX: t1 at 24h (20, 4, 2) + t4 (1, 0, 0); aY: t2 (5, 1, 0); the 1h snapshots are not added.
    expect(account(aX.id).engagement).toEqual({ likes: 21, reposts: 4, replies: 2 });
    expect(account(aY.id).engagement).toEqual({ likes: 5, reposts: 1, replies: 0 });
    expect(opd('DINKES').engagement).toEqual({ likes: 26, reposts: 5, replies: 2 });
    expect(opd('TGRKS').engagement).toEqual({ likes: 7, reposts: 7, replies: 7 });
    // p1: 26 + 6 = 32, p2: 21, p3: 1.
    expect(body.topPosts.map((p) => [p.postId, p.likes + p.reposts + p.replies])).toEqual([
      [posts.p1, 32],
      [posts.p2, 21],
      [posts.p3, 1],
    ]);

    const mine = await operatorA.get(`/api/activity?${new URLSearchParams(range).toString()}`);
    const scoped = ZActivityResponse.parse(mine.body);
    expect(scoped.opds.map((o) => o.code)).toEqual(['DINKES']);
    expect(scoped.topPosts.map((p) => p.postId)).toEqual([posts.p1, posts.p3]);
  });
});

describe('limits', () => {
  it('when X answers 429 to the read, then the batch is postponed, nothing fails, and it is collected after the reset', async () => {
    const now = Date.now();
    await seedPost('p4', { opdId: (await t.db.selectFrom('social_account').select('opd_id').where('id', '=', bX.id).executeTakeFirstOrThrow()).opd_id, at: now - 2 * HOUR, on: [{ name: 't5', account: bX }] });
    await setMetrics('t5', { likes: 3, reposts: 0, replies: 1 });
    await emu('/_emulator/faults', { metricsRateLimitBurst: 1, burstResetSeconds: 1 });
    const reads = await metricReads();
    expect(await collect(new Date(now))).toEqual({ collected: 0, postponed: 1, failed: 0 });
    expect(await metricReads()).toBe(reads + 1);
    // Until X's reset the limiter holds the read back without asking X.
    expect(await collect(new Date(now))).toEqual({ collected: 0, postponed: 1, failed: 0 });
    expect(await metricReads()).toBe(reads + 1);
    const delivery = await t.db.selectFrom('delivery').select(['status', 'last_error']).where('external_id', '=', tweets.t5!).executeTakeFirstOrThrow();
    expect(delivery).toEqual({ status: 'published', last_error: null });
    expect(await t.db.selectFrom('post').select('status').where('id', '=', posts.p4!).executeTakeFirstOrThrow()).toEqual({ status: 'published' });

    await new Promise((r) => setTimeout(r, 2100));
    expect(await collect(new Date(now))).toEqual({ collected: 1, postponed: 0, failed: 0 });
    const row = await t.db.selectFrom('metric_snapshot').innerJoin('delivery', 'delivery.id', 'metric_snapshot.delivery_id').selectAll('metric_snapshot').where('delivery.external_id', '=', tweets.t5!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ point: '1h', likes: 3, reposts: 0, replies: 1 });
  });
});

describe('the X emulator', () => {
  it('when no numbers were set, then a tweet’s metrics are the same on every read and grow with the emulator’s clock', async () => {
    const tweet = await emu('/2/tweets', { text: `Tumbuh ${randomUUID()}` }, aX.accessToken);
    const read = async () => {
      const res = await fetch(`${emulator.url}/2/tweets?ids=${tweet.body.data.id},1&tweet.fields=public_metrics`, { headers: { authorization: `Bearer ${aX.accessToken}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as { data: { public_metrics: { like_count: number; impression_count: number } }[]; errors: { resource_id: string }[] };
    };
    const first = await read();
    expect(first.errors.map((e) => e.resource_id)).toEqual(['1']);
    expect((await read()).data[0]!.public_metrics).toEqual(first.data[0]!.public_metrics);
    expect((await emu('/_emulator/clock', { advanceMs: 2 * HOUR })).status).toBe(200);
    const later = await read();
    expect(later.data[0]!.public_metrics.like_count).toBeGreaterThan(first.data[0]!.public_metrics.like_count);
    expect(later.data[0]!.public_metrics.impression_count).toBeGreaterThan(first.data[0]!.public_metrics.impression_count);
  });
});
