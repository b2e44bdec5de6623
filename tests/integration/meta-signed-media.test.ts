import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedMediaUrl, verifyMediaSignature, type TKeyRing } from '@siar/shared/node';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';
import { buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';

let t: TTestDatabase;
let app: TTestApp;
let mediaIds: string[];

async function upload(c: ApiClient, opdId: string, color: { r: number; g: number; b: number }): Promise<string> {
  const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: color } }).jpeg().toBuffer();
  const form = new FormData();
  form.set('opdId', opdId);
  form.set('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'foto.jpg');
  const cookie = [...c.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${app.url}/api/media`, { method: 'POST', headers: { cookie, 'x-csrf-token': decodeURIComponent(c.jar.get('siar_csrf')!) }, body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-meta-signed' });
  const opd = await buildOpd(t.db);
  await buildUser(t.db, { username: 'op', opdIds: [opd.id] });
  const c = new ApiClient(app.url);
  await c.login('op', 'Test-Password-123');
  mediaIds = [await upload(c, opd.id, { r: 200, g: 10, b: 10 }), await upload(c, opd.id, { r: 10, g: 10, b: 200 })];
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

/** No cookie, no CSRF token: a platform's fetcher, not a browser session. */
const fetchAnonymously = (url: string) => fetch(url, { headers: { 'accept-language': 'id' } });

describe('signed, expiring media links for platforms that fetch media themselves', () => {
  it('when a platform fetches a valid signed link without a session, then it gets the stored file', async () => {
    const url = signedMediaUrl(t.ring, { baseUrl: app.url, mediaId: mediaIds[0]! });
    expect(url).toMatch(new RegExp(`^${app.url}/media/signed/${mediaIds[0]}\\?exp=\\d+&sig=[\\w-]{43}$`));
    const res = await fetchAnonymously(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age=(3[0-5]\d\d|3600)$/);
    const row = await t.db.selectFrom('media').select('path').where('id', '=', mediaIds[0]!).executeTakeFirstOrThrow();
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(join(app.mediaDir, row.path)))).toBe(true);
    expect(res.headers.getSetCookie().filter((c) => c.startsWith('siar_session'))).toEqual([]);
  });

  it('when the link has expired, then it is refused with 403 and a translated reason', async () => {
    const url = signedMediaUrl(t.ring, { baseUrl: app.url, mediaId: mediaIds[0]!, now: Date.now() - 2 * 3600_000 });
    const res = await fetchAnonymously(url);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { code: string; errors: { key: string; message: string }[] };
    expect(body.code).toBe('forbidden');
    expect(body.errors).toEqual([{ field: 'sig', key: 'signed_url_expired', message: 'Tautan media ini sudah kedaluwarsa.' }]);
  });

  it('when the signature, the expiry or the media id is tampered with, or another key signed it, then it is refused with 403', async () => {
    const url = new URL(signedMediaUrl(t.ring, { baseUrl: app.url, mediaId: mediaIds[0]! }));
    const sig = url.searchParams.get('sig')!;
    const exp = url.searchParams.get('exp')!;
    const variants = [
      `${app.url}/media/signed/${mediaIds[0]}?exp=${exp}&sig=${(sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)}`,
      `${app.url}/media/signed/${mediaIds[0]}?exp=${Number(exp) + 3600}&sig=${sig}`,
      `${app.url}/media/signed/${mediaIds[1]}?exp=${exp}&sig=${sig}`,
      `${app.url}/media/signed/${mediaIds[0]}?exp=${exp}`,
      `${app.url}/media/signed/${mediaIds[0]}?exp=soon&sig=${sig}`,
      signedMediaUrl({ current: { id: 'other', key: randomBytes(32) }, previous: [] }, { baseUrl: app.url, mediaId: mediaIds[0]! }),
    ];
    for (const variant of variants) {
      const res = await fetchAnonymously(variant);
      expect(res.status, variant).toBe(403);
      expect(((await res.json()) as { errors: { key: string }[] }).errors[0]!.key).toBe('signed_url_invalid');
    }
  });

  it('when a correctly signed link names media that does not exist, then it is 404', async () => {
    const res = await fetchAnonymously(signedMediaUrl(t.ring, { baseUrl: app.url, mediaId: randomUUID() }));
    expect(res.status).toBe(404);
  });

  it('when the key ring was rotated, then links signed with the previous key still work until they expire', () => {
    const oldKey = { id: 'k1', key: randomBytes(32) };
    const before: TKeyRing = { current: oldKey, previous: [] };
    const after: TKeyRing = { current: { id: 'k2', key: randomBytes(32) }, previous: [oldKey] };
    const url = new URL(signedMediaUrl(before, { baseUrl: 'https://siar.example', mediaId: 'm-1' }));
    expect(verifyMediaSignature(after, { mediaId: 'm-1', exp: url.searchParams.get('exp'), sig: url.searchParams.get('sig') })).toBe('ok');
    expect(verifyMediaSignature({ current: after.current, previous: [] }, { mediaId: 'm-1', exp: url.searchParams.get('exp'), sig: url.searchParams.get('sig') })).toBe('invalid');
  });
});
