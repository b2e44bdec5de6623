import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFacebookAdapter, createInstagramAdapter, createLogger, createRedis, PublishError, type TMetaAdapterConfig, type TPlatformAdapter } from '@siar/shared/node';
import { createCollectMetricsProcessor } from '../../worker/src/jobs/collect-metrics.processor';
import { createRateLimiter } from '../../worker/src/libraries/rate-limiter';
import { metaControl } from '../emulators/meta/meta-emulator.client';
import { startMetaEmulator, type TMetaEmulator } from '../emulators/meta/meta-emulator';
import { addMetaAccount, buildMp4 } from '../emulators/meta/meta-test-stack';
import { buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

/**
 * Engagement of Facebook Page posts and Instagram posts (issue #7's history, for Meta): the
 * adapters' `metrics` against the emulator over HTTP (multiple-id reads of 50, a deleted post
 * left out, throttling and token errors in the closed set), and the collect-metrics job storing
 * their snapshots.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const PAGE = { id: 'acc-fb', externalId: '104400000000021', handle: 'dinkes.kabtng', token: 'EAAP-metrics-page' };
const IG = { id: 'acc-ig', externalId: '17841440000000021', handle: 'dinkes.ig' };
const OTHER_PAGE = { externalId: '104400000000022', token: 'EAAP-metrics-other' };
const credentials = { accessToken: PAGE.token };

let emulator: TMetaEmulator;
let meta: ReturnType<typeof metaControl>;
let facebook: TPlatformAdapter;
let instagram: TPlatformAdapter;
let mediaServer: Server;
let mediaBase: string;
let config: TMetaAdapterConfig;

beforeAll(async () => {
  const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 10, g: 120, b: 200 } } }).jpeg().toBuffer();
  const mp4 = buildMp4(4_000);
  mediaServer = createServer((req, res) => (req.url?.endsWith('.mp4') ? res.writeHead(200, { 'content-type': 'video/mp4' }).end(mp4) : res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg)));
  await new Promise<void>((resolve) => mediaServer.listen(0, '127.0.0.1', resolve));
  mediaBase = `http://127.0.0.1:${(mediaServer.address() as AddressInfo).port}`;
  emulator = await startMetaEmulator({ videoPolls: 0 });
  meta = metaControl(emulator.url);
  config = { apiBaseUrl: emulator.url, graphVersion: 'v23.0', webBaseUrl: 'https://www.facebook.com', authorizeBaseUrl: emulator.url, requestTimeoutMs: 2_000, containerPollMs: 10, containerWaitMs: 1_000, postsPer24h: 50 };
  facebook = createFacebookAdapter(config);
  instagram = createInstagramAdapter({ ...config, webBaseUrl: 'https://www.instagram.com' });
});
beforeEach(async () => {
  await meta.reset();
  await meta.page({ id: PAGE.externalId, name: 'Dinkes', username: PAGE.handle, accessToken: PAGE.token, instagram: { id: IG.externalId, username: IG.handle, name: 'Dinkes IG' } });
  await meta.page({ id: OTHER_PAGE.externalId, name: 'Lain', accessToken: OTHER_PAGE.token });
});
afterAll(async () => {
  await emulator?.close();
  await new Promise((resolve) => mediaServer?.close(resolve));
});

const photo = () => ({ path: '/p.jpg', mime: 'image/jpeg', url: `${mediaBase}/p-${randomUUID()}.jpg` });
const clip = () => ({ path: '/c.mp4', mime: 'video/mp4', url: `${mediaBase}/c-${randomUUID()}.mp4` });
const postOnPage = async (text: string, media: ReturnType<typeof photo>[] = [], page = PAGE) =>
  (await facebook.publish({ account: { id: page === PAGE ? PAGE.id : 'acc-other', externalId: page.externalId, handle: 'h' }, credentials: { accessToken: page.token }, text, media })).externalId;
const postOnInstagram = async (text: string) => (await instagram.publish({ account: IG, credentials, text, media: [photo()] })).externalId;
const stats = async () => (await meta.state()).stats;

describe('the Meta adapters read engagement', () => {
  it('when Page posts (text, photo) and a video have engagement, then reactions are likes, shares reposts, comments replies; a video and an unshared post have no reposts', async () => {
    const text = await postOnPage('Jadwal vaksinasi pekan ini.');
    const withPhoto = await postOnPage('Foto kegiatan posyandu.', [photo()]);
    const video = await postOnPage('Video penyuluhan gizi.', [clip()]);
    const unshared = await postOnPage('Pengumuman tanpa dibagikan.');
    expect(text).toContain('_');
    expect(video).not.toContain('_');
    await meta.engagement({ id: text, likes: 12, comments: 3, shares: 5 });
    await meta.engagement({ id: withPhoto, likes: 40, comments: 0, shares: 1 });
    await meta.engagement({ id: video, likes: 4, comments: 1 });
    await meta.engagement({ id: unshared, likes: 2, comments: 2, shares: 0 });
    const before = await stats();
    const metrics = await facebook.metrics!({ account: PAGE, credentials, externalIds: [text, withPhoto, video, unshared] });
    expect(metrics).toEqual({
      [text]: { likes: 12, reposts: 5, replies: 3 },
      [withPhoto]: { likes: 40, reposts: 1, replies: 0 },
      [video]: { likes: 4, reposts: 0, replies: 1 },
      [unshared]: { likes: 2, reposts: 0, replies: 2 },
    });
    // Posts and videos are read apart (a video has no `shares`), each in one request.
    const after = await stats();
    expect([after.engagementReads - before.engagementReads, after.engagementNodeReads - before.engagementNodeReads]).toEqual([2, 0]);
  });

  it('when Instagram posts have engagement, then like_count and comments_count are read, with no reposts', async () => {
    const first = await postOnInstagram('Cek kesehatan gratis.');
    const second = await postOnInstagram('Donor darah bersama.');
    await meta.engagement({ id: first, likes: 30, comments: 7 });
    await meta.engagement({ id: second, likes: 0, comments: 0 });
    expect(await instagram.metrics!({ account: IG, credentials, externalIds: [first, second] })).toEqual({ [first]: { likes: 30, reposts: 0, replies: 7 }, [second]: { likes: 0, reposts: 0, replies: 0 } });
  });

  it('when 120 posts are asked for, then they are read 50 ids at a time, and every one comes back', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) ids.push(await postOnPage(`Info layanan ${i} ${randomUUID()}`));
    await meta.engagement({ id: ids[119]!, likes: 9, comments: 8, shares: 7 });
    const before = await stats();
    const metrics = await facebook.metrics!({ account: PAGE, credentials, externalIds: ids });
    expect(Object.keys(metrics).sort()).toEqual([...ids].sort());
    expect(metrics[ids[119]!]).toEqual({ likes: 9, reposts: 7, replies: 8 });
    const after = await stats();
    expect([after.engagementReads - before.engagementReads, after.engagementNodeReads - before.engagementNodeReads]).toEqual([3, 0]);
  });

  it("when one post of a read was deleted, or is another Page's, then Meta refuses the whole read; the others are read one by one and the gone ones are left out", async () => {
    const kept = [await postOnPage('Satu.'), await postOnPage('Dua.')];
    const deleted = await postOnPage('Tiga, nanti dihapus.');
    const foreign = await postOnPage('Milik Page lain.', [], { ...PAGE, ...OTHER_PAGE });
    await meta.deletePost(deleted);
    for (const id of kept) await meta.engagement({ id, likes: 1, comments: 1, shares: 1 });
    const before = await stats();
    const metrics = await facebook.metrics!({ account: PAGE, credentials, externalIds: [kept[0]!, deleted, foreign, kept[1]!] });
    expect(metrics).toEqual({ [kept[0]!]: { likes: 1, reposts: 1, replies: 1 }, [kept[1]!]: { likes: 1, reposts: 1, replies: 1 } });
    const after = await stats();
    // The refused multiple-id read is not counted by the emulator; the two kept ones are read alone.
    expect(after.engagementNodeReads - before.engagementNodeReads).toBe(2);
  });

  it('when Meta throttles the read, then it is rate_limited for the account until the time Meta gives; an invalid token is auth_expired', async () => {
    const id = await postOnInstagram('Throttle.');
    await meta.faults({ readThrottleNext: 1, throttleCode: 32, regainMinutes: 20 });
    const throttled = await instagram.metrics!({ account: IG, credentials, externalIds: [id] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(throttled).toBeInstanceOf(PublishError);
    expect(throttled).toMatchObject({ kind: 'rate_limited', limitScope: 'account' });
    expect(Math.abs((throttled as PublishError).resetAt!.getTime() - (Date.now() + 20 * MIN))).toBeLessThan(5_000);
    await expect(instagram.metrics!({ account: IG, credentials: { accessToken: 'not-a-token' }, externalIds: [id] })).rejects.toMatchObject({ kind: 'auth_expired' });
  });
});

describe('the collect-metrics job with Facebook and Instagram', () => {
  let t: TTestDatabase;
  let redis: ReturnType<typeof createRedis>;
  beforeAll(async () => {
    t = await createTestDatabase(testDatabaseOptions());
    redis = createRedis(testRedisUrl(), 'worker');
  });
  afterAll(async () => {
    redis?.disconnect();
    await t?.close();
  });

  it('when Page and Instagram posts are an hour old, then each delivery gets its 1h snapshot; a deleted one stays due and nothing is marked failed', async () => {
    const opd = await buildOpd(t.db, { name: 'Dinas Kesehatan' });
    const author = (await buildUser(t.db, { username: 'boss', role: 'admin' })).id;
    const fbAccount = await addMetaAccount(t.db, t.ring, { opdId: opd.id, platform: 'facebook', externalId: PAGE.externalId, handle: PAGE.handle, name: 'Dinkes', accessToken: PAGE.token });
    const igAccount = await addMetaAccount(t.db, t.ring, { opdId: opd.id, platform: 'instagram', externalId: IG.externalId, handle: IG.handle, name: 'Dinkes IG', accessToken: PAGE.token });
    const published = Date.now() - 61 * MIN;
    const deliveries: Record<string, { account: string; external: string }> = {
      fb: { account: fbAccount, external: await postOnPage('Kabar Facebook.') },
      ig: { account: igAccount, external: await postOnInstagram('Kabar Instagram.') },
      gone: { account: fbAccount, external: await postOnPage('Kabar yang dihapus.') },
    };
    await meta.engagement({ id: deliveries.fb!.external, likes: 21, comments: 4, shares: 3 });
    await meta.engagement({ id: deliveries.ig!.external, likes: 55, comments: 6 });
    await meta.deletePost(deliveries.gone!.external);
    const at = new Date(published).toISOString();
    const ids: Record<string, string> = {};
    for (const [key, d] of Object.entries(deliveries)) {
      const postId = randomUUID();
      ids[key] = randomUUID();
      await t.db.insertInto('post').values({ id: postId, opd_id: opd.id, author_id: author, status: 'published', scheduled_at: at, text: key, media_ids: '[]', revision: 1, created_at: at, updated_at: at }).execute();
      await t.db
        .insertInto('delivery')
        .values({ id: ids[key]!, post_id: postId, account_id: d.account, text_override: null, status: 'published', revision: 1, scheduled_at: at, attempt: 1, next_attempt_at: null, lease_id: null, lease_at: null, external_id: d.external, external_url: null, published_at: at, last_error: null, updated_at: at })
        .execute();
    }
    const adapters = new Map([
      ['facebook', facebook],
      ['instagram', instagram],
    ]);
    const logger = createLogger({ name: 'test-collector', level: 'silent' });
    const prefix = `test-meta-metrics-${randomUUID().slice(0, 8)}`;
    const collect = createCollectMetricsProcessor({ db: t.db, adapters, logger, limiter: createRateLimiter(redis, prefix), refresher: { db: t.db, ring: t.ring, redis, prefix, adapters, logger } });

    expect(await collect(new Date(published + 59 * MIN))).toEqual({ collected: 0, postponed: 0, failed: 0 });
    expect(await collect(new Date(published + HOUR + MIN))).toEqual({ collected: 2, postponed: 0, failed: 0 });
    const rows = await t.db.selectFrom('metric_snapshot').select(['delivery_id', 'point', 'likes', 'reposts', 'replies', 'impressions']).execute();
    expect(rows.sort((a, b) => a.likes - b.likes)).toEqual([
      { delivery_id: ids.fb, point: '1h', likes: 21, reposts: 3, replies: 4, impressions: null },
      { delivery_id: ids.ig, point: '1h', likes: 55, reposts: 0, replies: 6, impressions: null },
    ]);
    const gone = await t.db.selectFrom('delivery').select('status').where('id', '=', ids.gone!).executeTakeFirstOrThrow();
    expect(gone.status).toBe('published');
    // A second run takes nothing twice; the deleted post is asked for again, alone.
    expect(await collect(new Date(published + HOUR + 2 * MIN))).toEqual({ collected: 0, postponed: 0, failed: 0 });
  });
});
