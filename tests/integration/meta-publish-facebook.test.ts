import { createRedis } from '@siar/shared/node';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMetaAccount, settledDelivery, startMetaStack, uploadMedia, type TMetaStack } from '../emulators/meta/meta-test-stack';
import { ApiClient } from '../support/api-client';
import { buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

const PAGE = { id: '104200000000001', name: 'Dinas Kesehatan Kab. Tangerang', username: 'dinkes.kabtng', token: 'EAAP-test-page-dinkes' };
const SPARE = { id: '104200000000002', name: 'Puskesmas Curug', username: 'puskesmas.curug', token: 'EAAP-test-page-curug' };

let t: TTestDatabase;
let stack: TMetaStack;
let opdId: string;
let pageAccountId: string;
let spareAccountId: string;
let api: ApiClient;

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  stack = await startMetaStack({ database: t, redisUrl: testRedisUrl(), prefix: 'test-meta-facebook' });
  opdId = (await buildOpd(t.db, { name: 'Dinas Kesehatan' })).id;
  await buildUser(t.db, { username: 'op', opdIds: [opdId] });
  for (const p of [PAGE, SPARE]) await stack.meta.page({ id: p.id, name: p.name, username: p.username, accessToken: p.token });
  pageAccountId = await addMetaAccount(t.db, t.ring, { opdId, platform: 'facebook', externalId: PAGE.id, handle: PAGE.username, name: PAGE.name, accessToken: PAGE.token });
  spareAccountId = await addMetaAccount(t.db, t.ring, { opdId, platform: 'facebook', externalId: SPARE.id, handle: SPARE.username, name: SPARE.name, accessToken: SPARE.token });
  api = new ApiClient(stack.base);
  expect((await api.login('op', 'Test-Password-123')).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await t?.close();
});

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

async function schedule(body: Record<string, unknown>) {
  const created = await api.post('/api/posts', { scheduledAt: inSeconds(1), ...body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

async function jpeg(color: { r: number; g: number; b: number }) {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: color } }).jpeg().toBuffer();
}

describe('publishing to a Facebook Page', () => {
  it('when a text with a link is scheduled, then the worker posts it to the Page feed with the link previewed, and stores its id and permalink', async () => {
    const text = `Jadwal vaksinasi pekan ini: https://dinkes.tangerangkab.go.id/vaksin ${Date.now()}`;
    const postId = await schedule({ accountIds: [pageAccountId], text });
    const d = await settledDelivery(api, postId, ['published', 'failed']);
    expect(d.status).toBe('published');
    const { posts } = await stack.meta.state();
    const live = posts.filter((p) => p.message === text);
    expect(live).toEqual([expect.objectContaining({ pageId: PAGE.id, link: 'https://dinkes.tangerangkab.go.id/vaksin', photoIds: [] })]);
    expect(d.externalId).toBe(live[0]!.id);
    expect(d.externalUrl).toBe(`${stack.emulator.url}/${PAGE.id}/posts/${live[0]!.id.split('_')[1]}`);
    const page = await fetch(d.externalUrl!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Jadwal vaksinasi pekan ini');
  });

  it('when a post has three photos with alt text, then each is fetched by Meta from a signed link, uploaded unpublished and attached to one feed post', async () => {
    const colors = [{ r: 200, g: 20, b: 20 }, { r: 20, g: 200, b: 20 }, { r: 20, g: 20, b: 200 }];
    const mediaIds: string[] = [];
    for (const [i, color] of colors.entries()) mediaIds.push(await uploadMedia(api, { opdId, bytes: await jpeg(color), mime: 'image/jpeg', name: `foto-${i}.jpg`, altText: `Foto ${i + 1}` }));
    const text = `Tiga foto posyandu ${Date.now()}`;
    const postId = await schedule({ accountIds: [pageAccountId], text, mediaIds });
    const d = await settledDelivery(api, postId, ['published', 'failed']);
    expect(d.status).toBe('published');
    const state = await stack.meta.state();
    const post = state.posts.find((p) => p.message === text)!;
    expect(post.link).toBeUndefined();
    const photos = post.photoIds.map((id) => state.photos.find((p) => p.id === id)!);
    expect(photos.map((p) => [p.published, p.attachedTo, p.altText, p.mime])).toEqual([1, 2, 3].map((n) => [false, post.id, `Foto ${n}`, 'image/jpeg']));
    // Meta fetched each file from Siar's signed, expiring link, and got the stored bytes.
    const stored = await t.db.selectFrom('media').select(['id', 'sha256']).where('id', 'in', mediaIds).execute();
    for (const [i, id] of mediaIds.entries()) {
      const fetched = state.fetches.find((f) => f.url.startsWith(`${stack.base}/media/signed/${id}?exp=`) && f.ok);
      expect(fetched, `fetch of media ${i + 1}`).toBeDefined();
      expect(photos[i]!.sha256).toBe(stored.find((s) => s.id === id)!.sha256);
    }
  });

  it('when the Page token is revoked between scheduling and publishing, then the account needs reconnecting and the delivery fails saying so', async () => {
    const postId = await schedule({ accountIds: [spareAccountId], text: `Pengumuman Puskesmas ${Date.now()}`, scheduledAt: inSeconds(2) });
    await stack.meta.revokePage(SPARE.id);
    const d = await settledDelivery(api, postId, ['failed', 'published']);
    expect(d.status).toBe('failed');
    expect(d.errorKind).toBe('auth_expired');
    expect(d.error).toMatch(/akun perlu dihubungkan ulang/);
    expect((await t.db.selectFrom('social_account').select('status').where('id', '=', spareAccountId).executeTakeFirstOrThrow()).status).toBe('needs_reconnect');
    expect((await stack.meta.state()).posts.filter((p) => p.pageId === SPARE.id)).toEqual([]);
    // A new post to it is refused at once.
    expect((await api.post('/api/posts', { accountIds: [spareAccountId], text: 'Lagi', scheduledAt: inSeconds(60) })).status).toBe(400);
  });

  it('when Meta throttles the Page (#32), then the delivery waits for the time Meta gives and nothing fails', async () => {
    await stack.meta.faults({ throttleNext: 1, throttleCode: 32, regainMinutes: 30 });
    const postId = await schedule({ accountIds: [pageAccountId], text: `Kuota halaman ${Date.now()}` });
    await expect.poll(async () => (await api.get(`/api/posts/${postId}`)).body.deliveries[0].errorKind, { timeout: 20_000, interval: 150 }).toBe('rate_limited');
    const d = (await api.get(`/api/posts/${postId}`)).body.deliveries[0];
    expect(d.status).toBe('scheduled');
    expect(d.error).toMatch(/^Menunggu kuota platform/);
    expect(Math.abs(Date.parse(d.nextAttemptAt) - (Date.now() + 30 * 60_000))).toBeLessThan(60_000);
    expect(d.attempt).toBe(0);
    // Waiting for the quota is not a failure. The worker now holds every post to this Page until
    // Meta's time; lift that hold (as if the 30 minutes had passed) so the later tests can publish.
    expect((await api.post(`/api/deliveries/${d.id}/cancel`, {})).status).toBeLessThan(300);
    const redis = createRedis(testRedisUrl(), 'worker');
    try {
      const hold = `test-meta-facebook:ratelimit:facebook:account:${pageAccountId}:blocked`;
      expect(Number(await redis.get(hold))).toBeGreaterThan(Date.now() + 25 * 60_000);
      await redis.del(hold);
    } finally {
      redis.disconnect();
    }
  });

  it('when Meta refuses the post for a policy (#368), then the delivery fails with Meta\'s reason', async () => {
    await stack.meta.faults({ rejectNext: 1, rejectCode: 368, rejectMessage: 'It looks like you were misusing this feature by going too fast.' });
    const postId = await schedule({ accountIds: [pageAccountId], text: `Ditolak kebijakan ${Date.now()}` });
    const d = await settledDelivery(api, postId, ['failed', 'published']);
    expect(d.status).toBe('failed');
    expect(d.errorKind).toBe('content_rejected');
    expect(d.error).toBe('Ditolak oleh platform: It looks like you were misusing this feature by going too fast. (#368)');
  });

  it('when a photo upload answers 500, then nothing was visible, the try is retried, and the post is published once', async () => {
    await stack.meta.faults({ error5xxNext: 1 });
    const mediaId = await uploadMedia(api, { opdId, bytes: await jpeg({ r: 90, g: 90, b: 0 }), mime: 'image/jpeg', name: 'ulang.jpg' });
    const text = `Dicoba lagi ${Date.now()}`;
    const postId = await schedule({ accountIds: [pageAccountId], text, mediaIds: [mediaId] });
    const d = await settledDelivery(api, postId, ['published', 'failed']);
    expect(d.status).toBe('published');
    expect(d.attempt).toBe(2);
    expect((await stack.meta.state()).posts.filter((p) => p.message === text)).toHaveLength(1);
  });

  it('when the feed post is stored but its answer is lost, then read-back finds it in the Page feed and it is published once, with that id', async () => {
    await stack.meta.faults({ hangAfterStoreNext: 1, hangMs: 4000 });
    const text = `Jawaban hilang ${Date.now()}`;
    const postId = await schedule({ accountIds: [pageAccountId], text });
    const d = await settledDelivery(api, postId, ['published', 'failed', 'unconfirmed'], 30_000);
    expect(d.status).toBe('published');
    const copies = (await stack.meta.state()).posts.filter((p) => p.message === text);
    expect(copies).toHaveLength(1);
    expect(d.externalId).toBe(copies[0]!.id);
    const attempts = (await api.get(`/api/posts/${postId}`)).body.deliveries[0].attempts as { kind: string; outcome: string }[];
    expect(attempts.map((a) => [a.kind, a.outcome])).toEqual([
      ['publish', 'ambiguous'],
      ['read_back', 'found'],
    ]);
  });
});
