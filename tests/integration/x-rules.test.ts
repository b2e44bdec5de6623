import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X_DEFAULT_PRICES } from '@siar/shared';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';

let t: TTestDatabase;
let warnApp: TTestApp;
let refuseApp: TTestApp;
let a: Awaited<ReturnType<typeof buildAccount>>;
let b: Awaited<ReturnType<typeof buildAccount>>;
let opdId: string;
const prices = X_DEFAULT_PRICES;
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  warnApp = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-x-rules', platformSettings: { x: { similarContent: 'warn', prices } } });
  refuseApp = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-x-rules-refuse', platformSettings: { x: { similarContent: 'refuse', prices } } });
  const opd = await buildOpd(t.db, { name: 'Dinas Kesehatan' });
  opdId = opd.id;
  a = await buildAccount(t.db, t.ring, { opdId: opd.id, handle: 'dinkes' });
  b = await buildAccount(t.db, t.ring, { opdId: opd.id, handle: 'puskesmas' });
  await buildUser(t.db, { username: 'op', opdIds: [opd.id] });
});
afterAll(async () => {
  await warnApp.close();
  await refuseApp.close();
  await t.close();
});

async function client(app: TTestApp) {
  const c = new ApiClient(app.url);
  await c.login('op', 'Test-Password-123');
  return c;
}

describe("X's rule on similar content across accounts", () => {
  it('when one text goes to two X accounts, then the answer warns about both, and per-account variants clear it', async () => {
    const c = await client(warnApp);
    const same = await c.post('/api/posts', { accountIds: [a.id, b.id], text: 'Imunisasi gratis hari Sabtu di Puskesmas Tigaraksa', scheduledAt: inHours(100) });
    expect(same.status).toBe(201);
    expect(same.body.warnings).toEqual([expect.objectContaining({ code: 'similar_content', platform: 'x', accountIds: expect.arrayContaining([a.id, b.id]) })]);
    expect(same.body.warnings[0].message).toMatch(/hampir sama/);
    const varied = await c.post('/api/posts', {
      accountIds: [a.id, b.id],
      text: 'Jadwal posyandu balita bulan Desember sudah keluar, cek di kelurahan masing-masing',
      scheduledAt: inHours(300),
      variants: { [b.id]: { text: 'Puskesmas buka layanan KB gratis setiap Rabu pagi, tanpa antre panjang' } },
    });
    expect(varied.body.warnings).toEqual([]);
  });

  it('when a nearly identical text went to another X account within 24 hours, then the new post is warned and names the other post', async () => {
    const c = await client(warnApp);
    const first = await c.post('/api/posts', { accountIds: [a.id], text: 'Vaksinasi influenza untuk lansia di RSUD Tangerang mulai Senin 1 Desember 2026', scheduledAt: inHours(500) });
    const second = await c.post('/api/posts', { accountIds: [b.id], text: 'Vaksinasi influenza untuk lansia di RSUD Tangerang mulai Senin 1 Desember 2026!', scheduledAt: inHours(505) });
    expect(second.body.warnings).toEqual([expect.objectContaining({ accountIds: [b.id], otherPostIds: [first.body.id] })]);
    const later = await c.post('/api/posts', { accountIds: [b.id], text: 'Vaksinasi influenza untuk lansia di RSUD Tangerang mulai Senin 1 Desember 2026', scheduledAt: inHours(530) });
    expect(later.body.warnings).toEqual([]);
  });

  it('when a post to two accounts is duplicated for the same two, then the warning counts the four sends', async () => {
    const c = await client(warnApp);
    const text = 'Pendaftaran sekolah rakyat dibuka hingga akhir bulan, datang ke kantor kelurahan';
    const first = await c.post('/api/posts', { accountIds: [a.id, b.id], text, scheduledAt: inHours(1000) });
    expect(first.body.warnings[0].message).toContain('(2 kiriman)');
    const copy = await c.post('/api/posts', { accountIds: [a.id, b.id], text, scheduledAt: inHours(1001) });
    expect(copy.body.warnings).toEqual([expect.objectContaining({ accountIds: expect.arrayContaining([a.id, b.id]), otherPostIds: [first.body.id] })]);
    expect(copy.body.warnings[0].message).toContain('(4 kiriman)');
  });

  it('when the deployment refuses similar content, then such a post is a 400 on its text and nothing is written', async () => {
    const c = await client(refuseApp);
    const before = (await t.db.selectFrom('post').select('id').execute()).length;
    const res = await c.post('/api/posts', { accountIds: [a.id, b.id], text: 'Pengumuman kerja bakti hari Minggu di seluruh kecamatan', scheduledAt: inHours(700) });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'text', key: 'similar_content' })]);
    expect((await t.db.selectFrom('post').select('id').execute()).length).toBe(before);
  });
});

describe("X's pay-per-use cost", () => {
  it('when the composer checks a post, then it gets the warnings and the estimated cost from the price table', async () => {
    const c = await client(warnApp);
    const plain = await c.post('/api/posts/check', { accountIds: [a.id, b.id], text: 'Info banjir terbaru', scheduledAt: inHours(900) });
    expect(plain.status).toBe(200);
    expect(plain.body.estimatedCost).toEqual({ currency: 'USD', amount: 0.03, byPlatform: { x: 0.03 } });
    expect(plain.body.warnings).toHaveLength(1);
    const withUrl = await c.post('/api/posts/check', { accountIds: [a.id], text: 'Info banjir https://bpbd.tangerangkab.go.id', scheduledAt: inHours(900) });
    expect(withUrl.body.estimatedCost.amount).toBe(0.2);
  });

  it("when the month's spend is asked for, then published X posts are priced per OPD", async () => {
    const c = await client(warnApp);
    const res = await c.post('/api/posts', { accountIds: [a.id], text: 'Sudah terbit https://tangerangkab.go.id', scheduledAt: inHours(1) });
    const plain = await c.post('/api/posts', { accountIds: [b.id], text: 'Sudah terbit tanpa tautan', scheduledAt: inHours(1) });
    const now = new Date().toISOString();
    await t.db.updateTable('delivery').set({ status: 'published', published_at: now }).where('post_id', 'in', [res.body.id, plain.body.id]).execute();
    const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
    const spend = await c.get(`/api/accounts/spend?month=${month}`);
    expect(spend.body).toEqual({ month, items: [{ opdId, opdName: 'Dinas Kesehatan', platform: 'x', posts: 2, amount: 0.215, currency: 'USD' }] });
    expect((await c.get('/api/accounts/spend?month=2026-13')).status).toBe(400);
  });
});
