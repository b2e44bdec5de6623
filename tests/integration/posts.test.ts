import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, createPublishQueue, createRedis } from '@siar/shared/node';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { createApp } from '../../server/src/app';
import { createPublishScheduler } from '../../server/src/libraries/queue/publish-scheduler';
import type { AddressInfo } from 'node:net';
import { testRedisUrl, testDatabaseOptions } from '../support/test-redis';

let t: TTestDatabase;
let app: TTestApp;
let dinkes: Awaited<ReturnType<typeof buildOpd>>;
let camat: Awaited<ReturnType<typeof buildOpd>>;
let dinkesX: Awaited<ReturnType<typeof buildAccount>>;
let camatX: Awaited<ReturnType<typeof buildAccount>>;
let operator: ApiClient;

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();
const counts = async () => ({
  posts: Number((await t.db.selectFrom('post').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  deliveries: Number((await t.db.selectFrom('delivery').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  jobs: (await app.queue.getJobCounts('delayed', 'wait')) as Record<string, number>,
});

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-posts' });
  dinkes = await buildOpd(t.db, { name: 'Dinas Kesehatan' });
  camat = await buildOpd(t.db, { name: 'Kecamatan Tigaraksa' });
  dinkesX = await buildAccount(t.db, t.ring, { opdId: dinkes.id, handle: 'dinkes' });
  camatX = await buildAccount(t.db, t.ring, { opdId: camat.id, handle: 'camat' });
  await buildUser(t.db, { username: 'op', role: 'operator', opdIds: [dinkes.id] });
  await buildUser(t.db, { username: 'boss', role: 'admin' });
});
beforeEach(async () => {
  operator = new ApiClient(app.url);
  expect((await operator.login('op', 'Test-Password-123')).status).toBe(200);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('creating a post', () => {
  it('when scheduled, then the post, one delivery per account and one delayed job per delivery are written', async () => {
    await app.queue.obliterate({ force: true });
    const at = inAnHour();
    const res = await operator.post('/api/posts', { accountIds: [dinkesX.id], text: 'Jadwal posyandu minggu ini', scheduledAt: at });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'scheduled', scheduledAt: at, revision: 1 });
    expect(res.body.deliveries).toEqual([expect.objectContaining({ accountId: dinkesX.id, status: 'scheduled', externalUrl: null })]);
    const job = await app.queue.getJob(`publish-${res.body.deliveries[0].id}-r1`);
    expect(job?.data).toEqual({ deliveryId: res.body.deliveries[0].id, revision: 1 });
    expect(JSON.stringify(job?.data)).not.toContain('posyandu');
    expect(job!.opts.delay).toBeGreaterThan(3500_000);
  });

  it('when saved without a time, then it is a draft and nothing is queued', async () => {
    await app.queue.obliterate({ force: true });
    const res = await operator.post('/api/posts', { accountIds: [dinkesX.id], text: 'Draf', scheduledAt: null });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('draft');
    expect((await counts()).jobs).toMatchObject({ delayed: 0, wait: 0 });
  });

  it.each([
    ['no accounts', { accountIds: [], text: 'x', scheduledAt: inAnHour() }, 400, 'accountIds'],
    ['empty text', { accountIds: ['a'], text: '   ', scheduledAt: inAnHour() }, 400, 'text'],
    ['a time in the past', { text: 'x', scheduledAt: '2020-01-01T00:00:00Z' }, 400, 'scheduledAt'],
    ['a time that is not a time', { text: 'x', scheduledAt: 'besok pagi' }, 400, 'scheduledAt'],
    ['a text too long for X', { text: 'a'.repeat(281), scheduledAt: inAnHour() }, 400, 'text'],
    ['an account of another OPD', { text: 'x', scheduledAt: inAnHour(), foreign: true }, 404, 'accountIds.0'],
    ['an account that does not exist', { accountIds: ['no-such-account'], text: 'x', scheduledAt: inAnHour() }, 404, 'accountIds.0'],
  ])('when the post has %s, then it is refused naming the field and nothing is written or queued', async (_name, body, status, field) => {
    const before = await counts();
    const payload = { accountIds: [(body as { foreign?: boolean }).foreign ? camatX.id : dinkesX.id], ...body, foreign: undefined };
    const res = await operator.post('/api/posts', payload);
    expect(res.status).toBe(status);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(res.body.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('when the body is malformed JSON, then it is a 400 problem and nothing is written', async () => {
    const before = await counts();
    const res = await operator.request('POST', '/api/posts', undefined, { raw: '{"text":' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('malformed_json');
    expect(await counts()).toEqual(before);
  });

  it('when Redis is unreachable, then the post is still saved (201) for the sweeper to queue', async () => {
    const logger = createLogger({ name: 't', level: 'silent' });
    const dead = createRedis('redis://127.0.0.1:1', 'producer');
    dead.on('error', () => undefined);
    const queue = createPublishQueue(dead, 'test-dead');
    queue.on('error', () => undefined);
    const offline = createApp({ db: t.db, redis: dead, scheduler: createPublishScheduler(queue, dead, logger), queues: [queue], prefix: 'test-dead', logger, trustProxy: 0, ring: t.ring, adapters: new Map() });
    const server = offline.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const c = new ApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      await c.login('op', 'Test-Password-123');
      const res = await c.post('/api/posts', { accountIds: [dinkesX.id], text: 'Redis mati', scheduledAt: inAnHour() });
      expect(res.status).toBe(201);
      expect(await t.db.selectFrom('delivery').select('status').where('post_id', '=', res.body.id).execute()).toEqual([{ status: 'scheduled' }]);
    } finally {
      server.closeAllConnections();
      server.close();
      dead.disconnect();
    }
  });
});

describe('scope', () => {
  it('when an operator lists accounts, then only their OPD accounts are there', async () => {
    const res = await operator.get('/api/accounts');
    expect(res.body.items.map((a: { handle: string }) => a.handle)).toEqual(['dinkes']);
  });

  it("when an operator asks for another OPD's post, then it is 404 as if it did not exist", async () => {
    const boss = new ApiClient(app.url);
    await boss.login('boss', 'Test-Password-123');
    const other = await boss.post('/api/posts', { accountIds: [camatX.id], text: 'Info kecamatan', scheduledAt: inAnHour() });
    expect(other.status).toBe(201);
    const res = await operator.get(`/api/posts/${other.body.id}`);
    expect(res.status).toBe(404);
    expect((await operator.get('/api/posts/does-not-exist')).status).toBe(404);
    const list = await operator.get('/api/posts?limit=500');
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(other.body.id);
    expect((await boss.get(`/api/posts/${other.body.id}`)).status).toBe(200);
  });

  it('when not logged in, then posts answer 401', async () => {
    expect((await new ApiClient(app.url).get('/api/posts')).status).toBe(401);
  });

  it('when listing with a page size, then pages follow the cursor without repeats', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await operator.get(`/api/posts?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      for (const p of res.body.items) {
        expect(seen.has(p.id)).toBe(false);
        seen.add(p.id);
      }
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });
});
