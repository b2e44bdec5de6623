import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFacebookAdapter, createInstagramAdapter, PublishError, type TMetaAdapterConfig, type TPlatformAdapter, type TPublishInput } from '@siar/shared/node';
import { metaControl } from '../emulators/meta/meta-emulator.client';
import { startMetaEmulator, type TMetaEmulator } from '../emulators/meta/meta-emulator';

/** The adapters against the emulator over HTTP: how each Meta answer maps into the closed set. */
let emulator: TMetaEmulator;
let meta: ReturnType<typeof metaControl>;
let facebook: TPlatformAdapter;
let instagram: TPlatformAdapter;
const page = { id: 'acc-fb', externalId: '104400000000001', handle: 'dinkes.kabtng' };
const ig = { id: 'acc-ig', externalId: '17841440000000001', handle: 'dinkes.ig' };
const credentials = { accessToken: 'EAAP-adapter-test' };
/** Where the adapter's media is served from, as Siar's signed route would serve it. */
let photoServer: Server;
let photoUrl: string;

beforeAll(async () => {
  const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 10, g: 120, b: 200 } } }).jpeg().toBuffer();
  photoServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg));
  await new Promise<void>((resolve) => photoServer.listen(0, '127.0.0.1', resolve));
  photoUrl = `http://127.0.0.1:${(photoServer.address() as AddressInfo).port}/photo.jpg`;
  emulator = await startMetaEmulator({ videoPolls: 30 });
  meta = metaControl(emulator.url);
  const config: TMetaAdapterConfig = { apiBaseUrl: emulator.url, graphVersion: 'v23.0', webBaseUrl: 'https://www.facebook.com', authorizeBaseUrl: emulator.url, requestTimeoutMs: 800, containerPollMs: 10, containerWaitMs: 300, postsPer24h: 50 };
  facebook = createFacebookAdapter(config);
  instagram = createInstagramAdapter({ ...config, webBaseUrl: 'https://www.instagram.com' });
  await meta.page({ id: page.externalId, name: 'Dinkes', username: page.handle, accessToken: credentials.accessToken, instagram: { id: ig.externalId, username: ig.handle, name: 'Dinkes IG' } });
});
beforeEach(async () => {
  await meta.reset();
});
afterAll(async () => {
  await emulator?.close();
  await new Promise((resolve) => photoServer?.close(resolve));
});

async function failure(adapter: TPlatformAdapter, input: Partial<TPublishInput> & { text: string }): Promise<PublishError> {
  try {
    await adapter.publish({ account: adapter === facebook ? page : ig, credentials, ...input });
  } catch (error) {
    if (error instanceof PublishError) return error;
    throw error;
  }
  throw new Error('expected the publish to fail');
}

describe('the Meta adapters map Graph API answers into the closed set', () => {
  it.each([
    [4, 'app'],
    [17, 'account'],
    [32, 'account'],
    [613, 'account'],
  ] as const)('when Meta answers throttling code #%i, then it is rate_limited for the %s until the time Meta gives', async (code, scope) => {
    await meta.faults({ throttleNext: 1, throttleCode: code, regainMinutes: 12 });
    const e = await failure(facebook, { text: `Throttle ${code}` });
    expect(e).toMatchObject({ kind: 'rate_limited', limitScope: scope });
    expect(Math.abs(e.resetAt!.getTime() - (Date.now() + 12 * 60_000))).toBeLessThan(5_000);
  });

  it('when the token is invalid (#190), then it is auth_expired; without the needed permission (#200, #10), account_disconnected', async () => {
    expect(await failure(facebook, { text: 'x', credentials: { accessToken: 'not-a-token' } })).toMatchObject({ kind: 'auth_expired', httpStatus: 400 });
    const other = { ...page, externalId: '104499999999999' };
    await meta.page({ id: other.externalId, name: 'Lain' });
    expect(await failure(facebook, { text: 'x', account: other })).toMatchObject({ kind: 'account_disconnected' });
    expect(await failure(instagram, { text: 'x', account: { ...ig, externalId: '17841449999999999' }, media: [{ path: '/x.jpg', mime: 'image/jpeg', url: 'http://127.0.0.1:9/x.jpg' }] })).toMatchObject({ kind: 'account_disconnected' });
  });

  it('when the feed post answers 500, then it is ambiguous (it may be live); when a photo upload does, transient (nothing is visible yet)', async () => {
    await meta.faults({ error5xxNext: 1 });
    expect(await failure(facebook, { text: 'Server sibuk' })).toMatchObject({ kind: 'ambiguous', httpStatus: 500 });
    await meta.faults({ error5xxNext: 1 });
    expect(await failure(facebook, { text: 'Foto', media: [{ path: '/x.jpg', mime: 'image/jpeg', url: `${emulator.url}/nope.jpg` }] })).toMatchObject({ kind: 'transient' });
  });

  it('when the feed post times out after Meta stored it, then it is ambiguous, and read-back finds it; an absent text is provably absent', async () => {
    await meta.faults({ hangAfterStoreNext: 1, hangMs: 3000 });
    const since = new Date(Date.now() - 1000);
    const e = await failure(facebook, { text: 'Waktu habis' });
    expect(e.kind).toBe('ambiguous');
    const found = await facebook.readBack({ account: page, credentials, text: 'Waktu  habis ', since });
    expect(found).toMatchObject({ status: 'found', url: expect.stringMatching(new RegExp(`^${emulator.url}/${page.externalId}/posts/`)) });
    expect(await facebook.readBack({ account: page, credentials, text: 'Tidak pernah dikirim', since })).toEqual({ status: 'absent' });
    await meta.faults({ readErrorNext: 5 });
    expect((await facebook.readBack({ account: page, credentials, text: 'Waktu habis', since })).status).toBe('unknown');
  });

  it('when the same text is posted twice, then Meta\'s duplicate refusal (#506) is content_rejected and marked duplicate', async () => {
    await facebook.publish({ account: page, credentials, text: 'Teks kembar' });
    expect(await failure(facebook, { text: 'Teks kembar' })).toMatchObject({ kind: 'content_rejected', duplicate: true });
  });

  it('when Instagram is given no media, a bad media link, or no public address at all, then the post is refused and nothing is published', async () => {
    expect((await failure(instagram, { text: 'Tanpa media' })).message).toMatch(/at least one image or video/);
    const refused = await failure(instagram, { text: 'Tautan buruk', media: [{ path: '/x.jpg', mime: 'image/jpeg', url: `${emulator.url}/_emulator/blobs/none` }] });
    expect(refused).toMatchObject({ kind: 'content_rejected' });
    expect(refused.message).toMatch(/Media download has failed.*#9004\/2207052/);
    expect((await failure(instagram, { text: 'Tanpa alamat', media: [{ path: '/x.jpg', mime: 'image/jpeg' }] })).message).toMatch(/PUBLIC_BASE_URL/);
    const state = await meta.state();
    expect([state.stats.mediaPublishCalls, state.igMedia.length]).toEqual([0, 0]);
    expect(state.fetches.map((f) => [f.ok, f.status])).toEqual([[false, 404]]);
  });

  it('when a container is still processing after the wait budget, or has expired, then it is transient (the next try makes new containers); when it ends in ERROR, refused with the reason', async () => {
    const media = [{ path: '/x.jpg', mime: 'image/jpeg', url: photoUrl }];
    await meta.config({ imagePolls: 1000 });
    try {
      expect((await failure(instagram, { text: 'Lama', media })).message).toMatch(/still processing the image/);
    } finally {
      await meta.config({ imagePolls: 0 });
    }
    await meta.faults({ nextContainer: { status: 'EXPIRED', message: 'expired' } });
    expect(await failure(instagram, { text: 'Kedaluwarsa', media })).toMatchObject({ kind: 'transient' });
    await meta.faults({ nextContainer: { status: 'ERROR', message: 'The image is too small' } });
    expect(await failure(instagram, { text: 'Rusak', media })).toMatchObject({ kind: 'content_rejected', message: 'Instagram could not process the image: ERROR: The image is too small' });
    expect((await meta.state()).stats.mediaPublishCalls).toBe(0);
    const published = await instagram.publish({ account: ig, credentials, text: 'Akhirnya', media });
    expect(published.url).toMatch(new RegExp(`^${emulator.url}/p/[\\w-]+/$`));
  });

  it('when the publishing quota is used up, then it is rate_limited until the oldest post of the window leaves it, before any container is made', async () => {
    await meta.publishedElsewhere(ig.externalId, 49, 3 * 3600_000);
    await meta.publishedElsewhere(ig.externalId, 1, 3600_000);
    const e = await failure(instagram, { text: 'Penuh', media: [{ path: '/x.jpg', mime: 'image/jpeg', url: photoUrl }] });
    expect(e).toMatchObject({ kind: 'rate_limited', limitScope: 'account' });
    expect(Math.abs(e.resetAt!.getTime() - (Date.now() - 3 * 3600_000 + 24 * 3600_000))).toBeLessThan(5_000);
    expect((await meta.state()).containers).toEqual([]);
  });
});
