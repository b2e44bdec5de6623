import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZActivitySeriesResponse, activityMonthRange, type TActivitySeriesResponse } from '@siar/shared';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

/**
 * GET /api/activity/series (issue #7, charts): per WIB day and hour, on a seeded October 2026
 * whose numbers are worked out by hand below, WIB day edges included.
 */

let t: TTestDatabase;
let app: TTestApp;
let opdA: Awaited<ReturnType<typeof buildOpd>>;
let opdB: Awaited<ReturnType<typeof buildOpd>>;
let supervisor: ApiClient;
let operatorA: ApiClient;
let author: string;

const PASSWORD = 'Test-Password-123';
/** October 2026 in WIB: 2026-09-30T17:00Z … 2026-10-31T17:00Z, 31 days. */
const OCTOBER = activityMonthRange('2026-10');

async function insertDelivery(o: { opdId: string; accountId: string; status: string; at: string; publishedAt?: string }) {
  const postId = randomUUID();
  await t.db.insertInto('post').values({ id: postId, opd_id: o.opdId, author_id: author, status: o.status, scheduled_at: o.at, text: `Info ${postId}`, media_ids: '[]', revision: 1, created_at: o.at, updated_at: o.at }).execute();
  const published = o.status === 'published';
  await t.db
    .insertInto('delivery')
    .values({
      id: randomUUID(),
      post_id: postId,
      account_id: o.accountId,
      text_override: null,
      status: o.status,
      revision: 1,
      scheduled_at: o.at,
      attempt: 1,
      next_attempt_at: null,
      lease_id: null,
      lease_at: null,
      external_id: published ? `ext-${postId}` : null,
      external_url: published ? `https://x.com/i/status/${postId}` : null,
      published_at: published ? (o.publishedAt ?? o.at) : null,
      last_error: null,
      updated_at: o.at,
    })
    .execute();
}

async function series(client: ApiClient, extra: Record<string, string> = {}): Promise<TActivitySeriesResponse> {
  const res = await client.get(`/api/activity/series?${new URLSearchParams({ ...OCTOBER, ...extra }).toString()}`);
  expect(res.status).toBe(200);
  return ZActivitySeriesResponse.parse(res.body);
}

const day = (body: TActivitySeriesResponse, date: string) => body.days.find((d) => d.date === date)!.published;
const outcome = (body: TActivitySeriesResponse, date: string) => body.outcomes.find((d) => d.date === date)!;
const cell = (body: TActivitySeriesResponse, weekday: number, hour: number) => body.hours.find((h) => h.weekday === weekday && h.hour === hour)!.published;

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-activity-series' });
  opdA = await buildOpd(t.db, { name: 'Dinas Kesehatan', code: 'DINKES' });
  opdB = await buildOpd(t.db, { name: 'Kecamatan Tigaraksa', code: 'TIGARAKSA' });
  const aX = await buildAccount(t.db, t.ring, { opdId: opdA.id, handle: 'dinkes' });
  const aF = await buildAccount(t.db, t.ring, { opdId: opdA.id, handle: 'dinkes_fb' });
  await t.db.updateTable('social_account').set({ platform: 'facebook' }).where('id', '=', aF.id).execute();
  const bX = await buildAccount(t.db, t.ring, { opdId: opdB.id, handle: 'camat' });
  await buildUser(t.db, { username: 'kominfo', role: 'supervisor' });
  author = (await buildUser(t.db, { username: 'op-a', role: 'operator', opdIds: [opdA.id] })).id;
  supervisor = new ApiClient(app.url);
  operatorA = new ApiClient(app.url);
  expect((await supervisor.login('kominfo', PASSWORD)).status).toBe(200);
  expect((await operatorA.login('op-a', PASSWORD)).status).toBe(200);

  const A = opdA.id;
  const B = opdB.id;
  // 00:30 WIB Thursday 1 October (30 September in UTC), on X and Facebook: 1 October, hour 0.
  await insertDelivery({ opdId: A, accountId: aX.id, status: 'published', at: '2026-09-30T17:30:00.000Z' });
  await insertDelivery({ opdId: A, accountId: aF.id, status: 'published', at: '2026-09-30T17:30:00.000Z' });
  // 23:30 WIB Saturday 31 October: October's last day, hour 23.
  await insertDelivery({ opdId: A, accountId: aX.id, status: 'published', at: '2026-10-31T16:30:00.000Z' });
  // Outside: 00:30 WIB 1 November and 23:30 WIB 30 September.
  await insertDelivery({ opdId: A, accountId: aX.id, status: 'published', at: '2026-10-31T17:30:00.000Z' });
  await insertDelivery({ opdId: A, accountId: aX.id, status: 'published', at: '2026-09-30T16:30:00.000Z' });
  // Due 23:50 WIB Friday 9 October, live at 00:05 WIB Saturday 10 October: counts when it went live.
  await insertDelivery({ opdId: A, accountId: aX.id, status: 'published', at: '2026-10-09T16:50:00.000Z', publishedAt: '2026-10-09T17:05:00.000Z' });
  // OPD B, 10:00 and 10:20 WIB Wednesday 14 October.
  await insertDelivery({ opdId: B, accountId: bX.id, status: 'published', at: '2026-10-14T03:00:00.000Z' });
  await insertDelivery({ opdId: B, accountId: bX.id, status: 'published', at: '2026-10-14T03:20:00.000Z' });
  // Outcomes by scheduled_at: failed 01:00 WIB 5 October (4 October in UTC); unconfirmed (OPD B) 5 October;
  // missed 20 October; a missed one at 00:10 WIB 1 November is outside; a cancelled and a scheduled one count nowhere.
  await insertDelivery({ opdId: A, accountId: aX.id, status: 'failed', at: '2026-10-04T18:00:00.000Z' });
  await insertDelivery({ opdId: B, accountId: bX.id, status: 'unconfirmed', at: '2026-10-05T03:00:00.000Z' });
  await insertDelivery({ opdId: A, accountId: aF.id, status: 'missed', at: '2026-10-20T03:00:00.000Z' });
  await insertDelivery({ opdId: A, accountId: aF.id, status: 'missed', at: '2026-10-31T17:10:00.000Z' });
  await insertDelivery({ opdId: A, accountId: aX.id, status: 'cancelled', at: '2026-10-12T03:00:00.000Z' });
  await insertDelivery({ opdId: A, accountId: aX.id, status: 'scheduled', at: '2026-10-13T03:00:00.000Z' });
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('activity series', () => {
  it('when a supervisor reads October by OPD, then each WIB day holds the hand-computed publications', async () => {
    const body = await series(supervisor, { by: 'opd' });
    expect(body.by).toBe('opd');
    expect(body.days.map((d) => d.date)).toEqual(Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`));
    expect(day(body, '2026-10-01')).toEqual({ [opdA.id]: 2 });
    expect(day(body, '2026-10-09')).toEqual({});
    expect(day(body, '2026-10-10')).toEqual({ [opdA.id]: 1 });
    expect(day(body, '2026-10-14')).toEqual({ [opdB.id]: 2 });
    expect(day(body, '2026-10-31')).toEqual({ [opdA.id]: 1 });
    const total = body.days.reduce((sum, d) => sum + Object.values(d.published).reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(6);
    expect(body.keys).toEqual([
      { key: opdA.id, label: 'Dinas Kesehatan', total: 4 },
      { key: opdB.id, label: 'Kecamatan Tigaraksa', total: 2 },
    ]);
  });

  it('when October is read by platform, then the stack splits by platform', async () => {
    const body = await series(supervisor, { by: 'platform' });
    expect(day(body, '2026-10-01')).toEqual({ x: 1, facebook: 1 });
    expect(day(body, '2026-10-14')).toEqual({ x: 2 });
    expect(body.keys).toEqual([
      { key: 'x', label: 'x', total: 5 },
      { key: 'facebook', label: 'facebook', total: 1 },
    ]);
  });

  it('when outcomes are read, then failures count on the WIB day they were due', async () => {
    const body = await series(supervisor);
    expect(body.outcomes).toHaveLength(31);
    expect(outcome(body, '2026-10-01')).toEqual({ date: '2026-10-01', published: 2, failed: 0, unconfirmed: 0, missed: 0 });
    expect(outcome(body, '2026-10-04')).toEqual({ date: '2026-10-04', published: 0, failed: 0, unconfirmed: 0, missed: 0 });
    expect(outcome(body, '2026-10-05')).toEqual({ date: '2026-10-05', published: 0, failed: 1, unconfirmed: 1, missed: 0 });
    expect(outcome(body, '2026-10-20')).toEqual({ date: '2026-10-20', published: 0, failed: 0, unconfirmed: 0, missed: 1 });
    expect(outcome(body, '2026-10-31')).toMatchObject({ published: 1, missed: 0 });
    const sum = (k: 'published' | 'failed' | 'unconfirmed' | 'missed') => body.outcomes.reduce((s, o) => s + o[k], 0);
    expect([sum('published'), sum('failed'), sum('unconfirmed'), sum('missed')]).toEqual([6, 1, 1, 1]);
  });

  it('when the heatmap is read, then publications sit in their WIB weekday and hour', async () => {
    const body = await series(supervisor);
    expect(body.hours).toHaveLength(7 * 24);
    expect(cell(body, 4, 0)).toBe(2); // Thursday 1 October, 00:30 WIB
    expect(cell(body, 6, 23)).toBe(1); // Saturday 31 October, 23:30 WIB
    expect(cell(body, 6, 0)).toBe(1); // Saturday 10 October, 00:05 WIB
    expect(cell(body, 3, 10)).toBe(2); // Wednesday 14 October, 10:00 and 10:20 WIB
    expect(body.hours.reduce((s, h) => s + h.published, 0)).toBe(6);
  });

  it('when a period is one WIB day, then only that day is returned', async () => {
    const res = await supervisor.get(`/api/activity/series?${new URLSearchParams({ from: '2026-09-30T17:00:00.000Z', to: '2026-10-01T17:00:00.000Z' }).toString()}`);
    const body = ZActivitySeriesResponse.parse(res.body);
    expect(body.days).toEqual([{ date: '2026-10-01', published: { [opdA.id]: 2 } }]);
  });

  it('when the query is bad, then a translated 400', async () => {
    const reversed = await supervisor.get(`/api/activity/series?from=${OCTOBER.to}&to=${OCTOBER.from}`);
    expect(reversed.status).toBe(400);
    const long = await supervisor.get('/api/activity/series?from=2025-01-01T00:00:00Z&to=2026-02-01T00:00:00Z');
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([expect.objectContaining({ field: 'to', message: 'Periode terlalu panjang (maksimal 1 tahun).' })]);
    const by = await supervisor.get(`/api/activity/series?${new URLSearchParams({ ...OCTOBER, by: 'account' }).toString()}`);
    expect(by.status).toBe(400);
    expect(by.body.errors).toEqual([expect.objectContaining({ field: 'by' })]);
    expect((await supervisor.get('/api/activity/series?from=2026-10-01')).status).toBe(400);
  });
});

describe('operators', () => {
  it("when an operator reads the series, then only their OPD's deliveries are in it", async () => {
    const body = await series(operatorA);
    expect(body.keys.map((k) => k.key)).toEqual([opdA.id]);
    expect(day(body, '2026-10-14')).toEqual({});
    expect(outcome(body, '2026-10-05')).toMatchObject({ failed: 1, unconfirmed: 0 });
    expect(cell(body, 3, 10)).toBe(0);
  });

  it('when an operator names another OPD, or anyone an unknown one, then 404', async () => {
    expect((await operatorA.get(`/api/activity/series?${new URLSearchParams({ ...OCTOBER, opdId: opdB.id }).toString()}`)).status).toBe(404);
    expect((await supervisor.get(`/api/activity/series?${new URLSearchParams({ ...OCTOBER, opdId: randomUUID() }).toString()}`)).status).toBe(404);
    const own = await series(supervisor, { opdId: opdB.id, by: 'platform' });
    expect(own.keys).toEqual([{ key: 'x', label: 'x', total: 2 }]);
  });
});

describe('signed out', () => {
  it('when nobody is signed in, then 401', async () => {
    expect((await new ApiClient(app.url).get(`/api/activity/series?${new URLSearchParams(OCTOBER).toString()}`)).status).toBe(401);
  });
});
