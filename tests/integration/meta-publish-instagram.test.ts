import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMetaAccount, buildMp4, settledDelivery, startMetaStack, uploadMedia, type TMetaStack } from '../emulators/meta/meta-test-stack';
import { ApiClient } from '../support/api-client';
import { buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

const DAY_MS = 24 * 3600_000;
const PAGE = { id: '104300000000001', name: 'Diskominfo Kab. Tangerang', token: 'EAAP-test-page-kominfo', ig: { id: '17841430000000001', username: 'diskominfo.kabtng', name: 'Diskominfo' } };
const BUSY = { id: '104300000000002', name: 'Kecamatan Pasar Kemis', token: 'EAAP-test-page-pasarkemis', ig: { id: '17841430000000002', username: 'kec.pasarkemis', name: 'Kec. Pasar Kemis' } };

let t: TTestDatabase;
let stack: TMetaStack;
let opdId: string;
let igAccountId: string;
let busyAccountId: string;
let api: ApiClient;
const images: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  stack = await startMetaStack({ database: t, redisUrl: testRedisUrl(), prefix: 'test-meta-instagram' });
  opdId = (await buildOpd(t.db, { name: 'Diskominfo' })).id;
  await buildUser(t.db, { username: 'op', opdIds: [opdId] });
  for (const p of [PAGE, BUSY]) await stack.meta.page({ id: p.id, name: p.name, accessToken: p.token, instagram: p.ig });
  igAccountId = await addMetaAccount(t.db, t.ring, { opdId, platform: 'instagram', externalId: PAGE.ig.id, handle: PAGE.ig.username, name: PAGE.ig.name, accessToken: PAGE.token });
  busyAccountId = await addMetaAccount(t.db, t.ring, { opdId, platform: 'instagram', externalId: BUSY.ig.id, handle: BUSY.ig.username, name: BUSY.ig.name, accessToken: BUSY.token });
  api = new ApiClient(stack.base);
  expect((await api.login('op', 'Test-Password-123')).status).toBe(200);
  for (let i = 0; i < 4; i++) {
    const bytes = await sharp({ create: { width: 80, height: 80, channels: 3, background: { r: 40 * i, g: 100, b: 200 - 40 * i } } }).jpeg().toBuffer();
    images.push(await uploadMedia(api, { opdId, bytes, mime: 'image/jpeg', name: `kegiatan-${i}.jpg`, altText: `Kegiatan ${i + 1}` }));
  }
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

describe('publishing to Instagram', () => {
  it('when one image is scheduled, then a container is made from the signed link, processed and published, with its permalink stored', async () => {
    const caption = `Layanan KTP keliling hari ini #tangerang ${Date.now()}`;
    const postId = await schedule({ accountIds: [igAccountId], text: caption, mediaIds: [images[0]] });
    const d = await settledDelivery(api, postId, ['published', 'failed']);
    expect(d.status, d.error ?? '').toBe('published');
    const state = await stack.meta.state();
    const media = state.igMedia.filter((m) => m.caption === caption);
    expect(media).toEqual([expect.objectContaining({ mediaType: 'IMAGE', items: [expect.objectContaining({ kind: 'IMAGE', mime: 'image/jpeg', altText: 'Kegiatan 1' })] })]);
    expect(d.externalId).toBe(media[0]!.id);
    expect(d.externalUrl).toBe(`${stack.emulator.url}/p/${media[0]!.shortcode}/`);
    expect(state.fetches.some((f) => f.ok && f.url.startsWith(`${stack.base}/media/signed/${images[0]}?exp=`))).toBe(true);
    expect(await (await fetch(d.externalUrl!)).text()).toContain('Layanan KTP keliling');
  });

  it('when three images are scheduled, then each becomes a carousel item, and the carousel is published as one post', async () => {
    const caption = `Karnaval budaya ${Date.now()}`;
    const postId = await schedule({ accountIds: [igAccountId], text: caption, mediaIds: images.slice(0, 3) });
    const d = await settledDelivery(api, postId, ['published', 'failed']);
    expect(d.status, d.error ?? '').toBe('published');
    const media = (await stack.meta.state()).igMedia.filter((m) => m.caption === caption);
    expect(media).toHaveLength(1);
    expect(media[0]!.mediaType).toBe('CAROUSEL_ALBUM');
    expect(media[0]!.items.map((i) => i.altText)).toEqual(['Kegiatan 1', 'Kegiatan 2', 'Kegiatan 3']);
  });

  it('when one MP4 is scheduled, then it is published as a Reel after its container finished processing', async () => {
    const video = await uploadMedia(api, { opdId, bytes: buildMp4(30_000), mime: 'video/mp4', name: 'reel.mp4' });
    const caption = `Reel senam pagi ${Date.now()}`;
    const postId = await schedule({ accountIds: [igAccountId], text: caption, mediaIds: [video] });
    const d = await settledDelivery(api, postId, ['published', 'failed']);
    expect(d.status, d.error ?? '').toBe('published');
    const state = await stack.meta.state();
    const media = state.igMedia.find((m) => m.caption === caption)!;
    expect(media.mediaType).toBe('VIDEO');
    expect(media.items).toEqual([expect.objectContaining({ kind: 'REELS', mime: 'video/mp4', bytes: 30_000 + 32 })]);
  });

  it('when the third container of a carousel fails processing, then the post fails with that reason and nothing is published', async () => {
    await stack.meta.faults({ carouselItem: { position: 3, status: 'ERROR', message: 'Media upload has failed with error code 2207003' } });
    const before = (await stack.meta.state()).stats.mediaPublishCalls;
    const caption = `Carousel gagal ${Date.now()}`;
    const postId = await schedule({ accountIds: [igAccountId], text: caption, mediaIds: images.slice(0, 4) });
    const d = await settledDelivery(api, postId, ['failed', 'published']);
    expect(d.status).toBe('failed');
    expect(d.errorKind).toBe('content_rejected');
    expect(d.error).toBe('Ditolak oleh platform: Instagram could not process carousel item 3: ERROR: Media upload has failed with error code 2207003');
    expect((await api.get(`/api/posts/${postId}`)).body.status).toBe('failed');
    const state = await stack.meta.state();
    expect(state.stats.mediaPublishCalls).toBe(before);
    expect(state.igMedia.filter((m) => m.caption === caption)).toEqual([]);
    expect(state.containers.filter((c) => c.status === 'ERROR')).toHaveLength(1);
  });

  it('when the account already has 50 API posts in the last 24 hours, then the delivery waits until the oldest leaves the window, and nothing fails or is published', async () => {
    const twoHoursAgo = 2 * 3600_000;
    await stack.meta.publishedElsewhere(BUSY.ig.id, 50, twoHoursAgo);
    const before = (await stack.meta.state()).stats.mediaPublishCalls;
    const postId = await schedule({ accountIds: [busyAccountId], text: `Melebihi kuota ${Date.now()}`, mediaIds: [images[0]] });
    await expect.poll(async () => (await api.get(`/api/posts/${postId}`)).body.deliveries[0].errorKind, { timeout: 20_000, interval: 150 }).toBe('rate_limited');
    const d = (await api.get(`/api/posts/${postId}`)).body.deliveries[0];
    expect(d.status).toBe('scheduled');
    expect(d.attempt).toBe(0);
    expect(d.error).toMatch(/^Menunggu kuota platform: Instagram's publishing limit is reached \(50 of 50 posts in 24 hours\)/);
    expect(Math.abs(Date.parse(d.nextAttemptAt) - (Date.now() - twoHoursAgo + DAY_MS))).toBeLessThan(60_000);
    const state = await stack.meta.state();
    expect(state.stats.mediaPublishCalls).toBe(before);
    expect(state.containers.filter((c) => c.igUserId === BUSY.ig.id)).toEqual([]);
  });

  it('when media_publish goes through but its answer is lost, then read-back finds the post among the account\'s media and it is published once', async () => {
    await stack.meta.faults({ hangAfterStoreNext: 1, hangMs: 4000 });
    const caption = `Jawaban IG hilang ${Date.now()}`;
    const postId = await schedule({ accountIds: [igAccountId], text: caption, mediaIds: [images[1]] });
    const d = await settledDelivery(api, postId, ['published', 'failed', 'unconfirmed'], 30_000);
    expect(d.status).toBe('published');
    const copies = (await stack.meta.state()).igMedia.filter((m) => m.caption === caption);
    expect(copies).toHaveLength(1);
    expect(d.externalId).toBe(copies[0]!.id);
    expect(d.externalUrl).toBe(`${stack.emulator.url}/p/${copies[0]!.shortcode}/`);
  });

  it("when a post breaks Instagram's rules, then it is refused before anything is scheduled, with the reason", async () => {
    const refused = async (body: Record<string, unknown>) => {
      const res = await api.post('/api/posts', { accountIds: [igAccountId], scheduledAt: inSeconds(600), ...body });
      expect(res.status).toBe(400);
      return (res.body.errors as { key: string; message: string }[]).map((e) => [e.key, e.message]);
    };
    expect(await refused({ text: 'Tanpa gambar' })).toEqual([['media_required', 'Instagram memerlukan setidaknya satu gambar atau video.']]);
    expect(await refused({ text: `${'#tag '.repeat(31)}`, mediaIds: [images[0]] })).toEqual([['too_many_hashtags', 'Terlalu banyak tagar untuk Instagram (maksimal 30 tagar per postingan).']]);
    expect(await refused({ text: 'a'.repeat(2201), mediaIds: [images[0]] })).toEqual([['text_too_long_for_platform', 'Teks terlalu panjang untuk Instagram (2201/2200).']]);
    const png = await uploadMedia(api, { opdId, bytes: await sharp({ create: { width: 10, height: 10, channels: 3, background: { r: 0, g: 0, b: 0 } } }).png().toBuffer(), mime: 'image/png', name: 'x.png' });
    expect(await refused({ text: 'PNG', mediaIds: [png] })).toEqual([['media_type_not_allowed', 'Instagram tidak menerima berkas image/png.']]);
    // A thread has no place on Instagram.
    expect((await refused({ text: 'Utas', mediaIds: [images[0]], threadParts: ['bagian dua'] }))[0]![0]).toBe('thread_not_supported');
  });
});
