import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X_DEFAULT_PRICES } from '@siar/shared';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

let t: TTestDatabase;
let app: TTestApp;
let accountId: string;
let operator: ApiClient;

const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();
const postCount = async () => Number((await t.db.selectFrom('post').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-threads', platformSettings: { x: { similarContent: 'warn', prices: X_DEFAULT_PRICES } } });
  const opd = await buildOpd(t.db, { name: 'Dinas Kesehatan' });
  accountId = (await buildAccount(t.db, t.ring, { opdId: opd.id, handle: 'dinkes' })).id;
  await buildUser(t.db, { username: 'op', role: 'operator', opdIds: [opd.id] });
  operator = new ApiClient(app.url);
  expect((await operator.login('op', 'Test-Password-123')).status).toBe(200);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('threads', () => {
  it('when a post has three parts, then it is saved with its parts in order, one delivery per account, none published yet', async () => {
    const res = await operator.post('/api/posts', { accountIds: [accountId], text: 'Utas 1: jadwal vaksin', threadParts: ['Utas 2: lokasi', ' Utas 3: syarat '], scheduledAt: inAnHour() });
    expect(res.status).toBe(201);
    expect(res.body.threadParts).toEqual(['Utas 2: lokasi', 'Utas 3: syarat']);
    expect(res.body.deliveries).toEqual([expect.objectContaining({ accountId, status: 'scheduled', partsPublished: 0 })]);
    const again = await operator.get(`/api/posts/${res.body.id}`);
    expect(again.body.threadParts).toEqual(['Utas 2: lokasi', 'Utas 3: syarat']);
  });

  it('when one part is over the X limit, then the answer names that part in the user language and nothing is stored', async () => {
    const before = await postCount();
    const res = await operator.request('POST', '/api/posts', { accountIds: [accountId], text: 'Utas 1', threadParts: ['ok', 'x'.repeat(300)], scheduledAt: inAnHour() }, { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'threadParts.1', message: expect.stringContaining('Text too long for X') })]);
    expect(await postCount()).toBe(before);
  });

  it('when a part is empty or the thread has more than 25 parts, then it is refused and nothing is stored', async () => {
    const before = await postCount();
    const empty = await operator.post('/api/posts', { accountIds: [accountId], text: 'Utas 1', threadParts: ['  '], scheduledAt: inAnHour() });
    expect([empty.status, empty.body.errors?.[0]?.field]).toEqual([400, 'threadParts.0']);
    const long = await operator.post('/api/posts', { accountIds: [accountId], text: 'Utas 1', threadParts: Array.from({ length: 25 }, (_, i) => `bagian ${i + 2}`), scheduledAt: inAnHour() });
    expect(long.status).toBe(400);
    expect(await postCount()).toBe(before);
  });

  it('when the cost of a thread is estimated, then every part counts as a post', async () => {
    const single = await operator.post('/api/posts/check', { accountIds: [accountId], text: 'Utas 1' });
    const thread = await operator.post('/api/posts/check', { accountIds: [accountId], text: 'Utas 1', threadParts: ['Utas 2', 'Utas 3 https://tangerangkab.go.id'] });
    expect(single.status).toBe(200);
    expect(thread.body.estimatedCost.amount).toBeCloseTo(2 * X_DEFAULT_PRICES.post + X_DEFAULT_PRICES.postWithUrl, 6);
    expect(single.body.estimatedCost.amount).toBeCloseTo(X_DEFAULT_PRICES.post, 6);
  });
});
