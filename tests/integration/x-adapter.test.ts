import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createXAdapter, PublishError, type TPlatformAdapter } from '@siar/shared/node';
import { startXEmulator, type TXEmulator } from '../emulators/x/x-emulator';

let emulator: TXEmulator;
let x: TPlatformAdapter;
const account = { id: 'acc-1', externalId: '42', handle: 'dinkes_kabtng' };
const credentials = { accessToken: 'token-42' };
const faults = (body: Record<string, number>) => fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  emulator = await startXEmulator();
  x = createXAdapter({ apiBaseUrl: emulator.url, webBaseUrl: 'https://x.com', requestTimeoutMs: 500, postsPer15MinPerUser: 100, appPostsPer24h: 10_000, authorizeBaseUrl: 'https://x.com' });
  await fetch(`${emulator.url}/_emulator/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: '42', username: 'dinkes_kabtng', name: 'Dinkes', accessToken: 'token-42' }) });
});
beforeEach(async () => {
  await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' });
});
afterAll(async () => emulator.close());

async function publishError(text: string): Promise<PublishError> {
  try {
    await x.publish({ account, credentials, text });
  } catch (e) {
    if (e instanceof PublishError) return e;
    throw e;
  }
  throw new Error('expected the publish to fail');
}

describe('the X adapter through twitter-api-v2', () => {
  it('when it publishes, then it answers the id and the public link', async () => {
    const res = await x.publish({ account, credentials, text: 'Halo warga' });
    expect(res.url).toBe(`https://x.com/dinkes_kabtng/status/${res.externalId}`);
  });

  it('when X refuses duplicate text, then it is content_rejected with X reason', async () => {
    await x.publish({ account, credentials, text: 'Sama' });
    const e = await publishError('Sama');
    expect(e).toMatchObject({ kind: 'content_rejected', httpStatus: 403 });
    expect(e.message).toMatch(/duplicate content/);
  });

  it('when X answers 5xx, then it is transient', async () => {
    await faults({ error5xxRate: 1 });
    expect(await publishError('Gangguan')).toMatchObject({ kind: 'transient', httpStatus: 503 });
  });

  it('when X answers 429, then it is rate_limited until the reset X gave', async () => {
    await faults({ rateLimitBurst: 1, burstResetSeconds: 120 });
    const e = await publishError('Kuota');
    expect(e.kind).toBe('rate_limited');
    expect(e.resetAt!.getTime()).toBeGreaterThan(Date.now() + 100_000);
    expect(e.resetAt!.getTime()).toBeLessThan(Date.now() + 125_000);
  });

  it('when the token is refused, then it is auth_expired', async () => {
    await faults({ force401: 1 });
    expect((await publishError('Token')).kind).toBe('auth_expired');
  });

  it('when the answer is lost after X stored the post, then it is ambiguous, and read-back finds the post', async () => {
    await faults({ timeoutAfterStoreRate: 1, hangMs: 2000 });
    const since = new Date();
    expect((await publishError('Hilang di jalan')).kind).toBe('ambiguous');
    const back = await x.readBack({ account, credentials, text: 'Hilang di jalan', since });
    expect(back).toMatchObject({ status: 'found', url: expect.stringMatching(/^https:\/\/x\.com\/dinkes_kabtng\/status\/\d+$/) });
  });

  it('when the post is not among the posts since the attempt, then read-back says absent', async () => {
    await x.publish({ account, credentials, text: 'Lain' });
    expect(await x.readBack({ account, credentials, text: 'Tidak pernah terkirim', since: new Date(Date.now() - 60_000) })).toEqual({ status: 'absent' });
  });

  it('when X shortens links and escapes &, then read-back still recognises the text', async () => {
    const text = 'Info & jadwal: https://tangerangkab.go.id/berita';
    await x.publish({ account, credentials, text });
    // X would store "Info &amp; jadwal: https://t.co/…"; the comparison ignores both differences.
    expect((await x.readBack({ account, credentials, text: 'Info &amp; jadwal: https://t.co/abc123', since: new Date(Date.now() - 60_000) })).status).toBe('found');
  });

  it('when the timeline cannot be read, then read-back says unknown rather than absent', async () => {
    await faults({ timelineErrorRate: 1 });
    expect((await x.readBack({ account, credentials, text: 'x', since: new Date() })).status).toBe('unknown');
  });
});

describe('media uploads through the X adapter', () => {
  it('when a 5.5 MB video is published, then it goes up in 1 MB appends read from disk, arrives byte for byte, and processes before the post', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { createHash } = await import('node:crypto');
    const dir = mkdtempSync(join(tmpdir(), 'siar-x-video-'));
    try {
      const bytes = Buffer.alloc(5.5 * 1024 * 1024);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 12)) & 0xff;
      const path = join(dir, 'clip.mp4');
      writeFileSync(path, bytes);
      const res = await x.publish({ account, credentials, text: 'Video sosialisasi', media: [{ path, mime: 'video/mp4' }] });
      const items = ((await (await fetch(`${emulator.url}/_emulator/tweets`)).json()) as { items: { id: string; media?: { type: string; bytes: number; segments: number; sha256: string }[] }[] }).items;
      const media = items.find((t) => t.id === res.externalId)?.media;
      expect(media).toEqual([{ id: expect.any(String), type: 'video/mp4', bytes: bytes.length, segments: 6, sha256: createHash('sha256').update(bytes).digest('hex') }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('when the media file is gone from the server, then nothing is posted and the delivery fails as content_rejected', async () => {
    const before = ((await (await fetch(`${emulator.url}/_emulator/tweets`)).json()) as { items: unknown[] }).items.length;
    await expect(x.publish({ account, credentials, text: 'Tanpa berkas', media: [{ path: '/nonexistent/siar.jpg', mime: 'image/jpeg' }] })).rejects.toMatchObject({ kind: 'content_rejected' });
    expect(((await (await fetch(`${emulator.url}/_emulator/tweets`)).json()) as { items: unknown[] }).items.length).toBe(before);
  });
});
