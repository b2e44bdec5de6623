import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZMedia } from '@siar/shared';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

type TPart = string | { bytes: Uint8Array; name: string; type?: string };

let t: TTestDatabase;
let app: TTestApp;
let dinkes: Awaited<ReturnType<typeof buildOpd>>;
let camat: Awaited<ReturnType<typeof buildOpd>>;
let operator: ApiClient;
let otherOperator: ApiClient;
let admin: ApiClient;
const fixtures = {} as Record<'gpsJpeg' | 'largePng' | 'noisePng' | 'mp4' | 'gif' | 'webp', Buffer>;

/** Minimal MP4: an `ftyp` box (brand mp42) then an `mdat` box with some payload. */
function buildMp4(payloadBytes: number): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(4), Buffer.from('mp42isom')]);
  const mdatHeader = Buffer.alloc(8);
  mdatHeader.writeUInt32BE(8 + payloadBytes, 0);
  mdatHeader.write('mdat', 4);
  return Buffer.concat([ftyp, mdatHeader, Buffer.alloc(payloadBytes, 7)]);
}

async function login(username: string) {
  const client = new ApiClient(app.url);
  expect((await client.login(username, 'Test-Password-123')).status).toBe(200);
  return client;
}

/** POST /api/media as multipart, with the client's cookies and (unless told) its CSRF token. */
async function upload(client: ApiClient, parts: [string, TPart][], options: { csrf?: boolean } = {}) {
  const form = new FormData();
  for (const [name, part] of parts) {
    if (typeof part === 'string') form.append(name, part);
    else form.append(name, new Blob([new Uint8Array(part.bytes)], { type: part.type ?? 'application/octet-stream' }), part.name);
  }
  const headers: Record<string, string> = { accept: 'application/json', cookie: cookieOf(client) };
  if (options.csrf !== false) headers['x-csrf-token'] = decodeURIComponent(client.jar.get('siar_csrf')!);
  const res = await fetch(`${app.url}/api/media`, { method: 'POST', headers, body: form });
  const body: any = await res.json(); // eslint-disable-line @typescript-eslint/no-explicit-any -- a 201 or a problem, as ApiClient answers
  return { status: res.status, body };
}

const cookieOf = (client: ApiClient) => [...client.jar].map(([k, v]) => `${k}=${v}`).join('; ');
const rowOf = (id: string) => t.db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const onDisk = (relative: string) => join(app.mediaDir, relative);

async function fetchFile(client: ApiClient, path: string) {
  const res = await fetch(app.url + path, { headers: { cookie: cookieOf(client) } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Every file under the media directory (temp files included), and every media row. */
async function stored() {
  const files = readdirSync(app.mediaDir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(onDisk(f)).isFile());
  const rows = await t.db.selectFrom('media').select('id').execute();
  return { files: files.sort(), rows: rows.length };
}

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-media' });
  dinkes = await buildOpd(t.db, { name: 'Dinas Kesehatan' });
  camat = await buildOpd(t.db, { name: 'Kecamatan Tigaraksa' });
  await buildUser(t.db, { username: 'op', role: 'operator', opdIds: [dinkes.id] });
  await buildUser(t.db, { username: 'op-camat', role: 'operator', opdIds: [camat.id] });
  await buildUser(t.db, { username: 'boss', role: 'admin' });
  [operator, otherOperator, admin] = await Promise.all([login('op'), login('op-camat'), login('boss')]);

  // 200×100 pixels stored sideways (EXIF orientation 6), with a copyright and a GPS position.
  fixtures.gpsJpeg = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#c33' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Copyright: 'Dinkes Tangerang', Make: 'PhoneCam' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '6/1 10/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '106/1 37/1 0/1' } })
    .toBuffer();
  fixtures.largePng = await sharp({ create: { width: 800, height: 600, channels: 4, background: { r: 0, g: 90, b: 200, alpha: 0.5 } } }).png().toBuffer();
  const noise = Buffer.alloc(1500 * 1400 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  fixtures.noisePng = await sharp(noise, { raw: { width: 1500, height: 1400, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
  fixtures.mp4 = buildMp4(20_000);
  const frames = await Promise.all(['#0a0', '#00a'].map((background) => sharp({ create: { width: 40, height: 30, channels: 4, background } }).png().toBuffer()));
  fixtures.gif = await sharp(frames, { join: { animated: true } }).gif().toBuffer();
  fixtures.webp = await sharp(frames, { join: { animated: true } }).webp().toBuffer();
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('uploading an image', () => {
  it('when a JPEG carries EXIF and GPS, then it is stored upright with no metadata at all, with its row and thumbnail', async () => {
    expect((await sharp(fixtures.gpsJpeg).metadata()).exif?.includes('Dinkes Tangerang')).toBe(true);
    const res = await upload(operator, [['opdId', dinkes.id], ['altText', 'Posyandu Melati'], ['file', { bytes: fixtures.gpsJpeg, name: 'IMG_0001.jpg', type: 'image/jpeg' }]]);
    expect(res.status).toBe(201);
    const media = ZMedia.parse(res.body);
    expect(media).toMatchObject({ opdId: dinkes.id, kind: 'image', mime: 'image/jpeg', width: 100, height: 200, altText: 'Posyandu Melati', url: `/api/media/${media.id}/file`, thumbnailUrl: `/api/media/${media.id}/thumbnail` });

    const row = await rowOf(media.id);
    expect(row.path).toBe(`${dinkes.id}/${media.id}.jpg`);
    expect(row.thumbnail_path).toBe(`${dinkes.id}/${media.id}.thumb.jpg`);
    const file = readFileSync(onDisk(row.path));
    expect({ bytes: Number(row.bytes), sha256: row.sha256, alt: row.alt_text }).toEqual({ bytes: file.length, sha256: createHash('sha256').update(file).digest('hex'), alt: 'Posyandu Melati' });
    expect(media.bytes).toBe(file.length);

    const meta = await sharp(file).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 100, height: 200 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(file.includes('Dinkes Tangerang')).toBe(false);
    const thumbnail = await sharp(onDisk(row.thumbnail_path!)).metadata();
    expect(thumbnail).toMatchObject({ format: 'jpeg', width: 100, height: 200 });
    expect(thumbnail.exif).toBeUndefined();
  });

  it('when a PNG is named .jpg and sent as image/jpeg, then its bytes decide: it is kept a PNG, and its thumbnail fits 320×320', async () => {
    const res = await upload(operator, [['opdId', dinkes.id], ['file', { bytes: fixtures.largePng, name: 'poster.jpg', type: 'image/jpeg' }]]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mime: 'image/png', width: 800, height: 600, altText: null });
    const row = await rowOf(res.body.id);
    expect(row.path.endsWith('.png')).toBe(true);
    expect(await sharp(onDisk(row.path)).metadata()).toMatchObject({ format: 'png', width: 800, height: 600 });
    expect(await sharp(onDisk(row.thumbnail_path!)).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
  });

  it('when an animated GIF is uploaded, then it is kept byte for byte, with a thumbnail of its first frame', async () => {
    const res = await upload(operator, [['opdId', dinkes.id], ['file', { bytes: fixtures.gif, name: 'anim.gif' }]]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'image', mime: 'image/gif', width: 40, height: 30, bytes: fixtures.gif.length });
    const row = await rowOf(res.body.id);
    expect(readFileSync(onDisk(row.path)).equals(fixtures.gif)).toBe(true);
    expect(await sharp(onDisk(row.thumbnail_path!)).metadata()).toMatchObject({ format: 'jpeg', width: 40, height: 30 });
  });

  it('when an animated WebP is uploaded, then it is re-encoded with every frame', async () => {
    const res = await upload(operator, [['opdId', dinkes.id], ['file', { bytes: fixtures.webp, name: 'anim.webp' }]]);
    expect(res.body).toMatchObject({ mime: 'image/webp', width: 40, height: 30 });
    expect(await sharp(onDisk((await rowOf(res.body.id)).path)).metadata()).toMatchObject({ format: 'webp', pages: 2 });
  });
});

describe('uploading a video', () => {
  it('when an MP4 is uploaded, then it is stored as uploaded, as a video without a thumbnail', async () => {
    const res = await upload(operator, [['opdId', dinkes.id], ['file', { bytes: fixtures.mp4, name: 'klip.bin', type: 'application/octet-stream' }]]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'video', mime: 'video/mp4', bytes: fixtures.mp4.length, width: null, height: null, thumbnailUrl: null });
    const row = await rowOf(res.body.id);
    expect(row.path).toBe(`${dinkes.id}/${res.body.id}.mp4`);
    expect(readFileSync(onDisk(row.path)).equals(fixtures.mp4)).toBe(true);
    expect(row.sha256).toBe(createHash('sha256').update(fixtures.mp4).digest('hex'));
  });
});

describe('refused uploads', () => {
  const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56), Buffer.alloc(5000, 0x90)]);
  it.each([
    ['plain text', Buffer.from('Ini bukan gambar, hanya teks biasa.\n'.repeat(50))],
    ['an ELF executable', elf],
  ])('when "image.jpg" is really %s, then it is refused naming the file and listing the accepted types, and nothing is stored', async (_what, bytes) => {
    const before = await stored();
    const res = await upload(operator, [['opdId', dinkes.id], ['file', { bytes, name: 'image.jpg', type: 'image/jpeg' }]]);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file', key: 'unsupported_media_type' })]);
    expect(res.body.errors[0].message).toMatch(/JPEG.*PNG.*WebP.*GIF.*MP4/);
    expect(await stored()).toEqual(before);
  });

  it('when an image is larger than 5 MB, then it answers 413 naming the limit and nothing is stored', async () => {
    expect(fixtures.noisePng.length).toBeGreaterThan(5 * 1024 * 1024);
    const before = await stored();
    const res = await upload(operator, [['opdId', dinkes.id], ['file', { bytes: fixtures.noisePng, name: 'noise.png', type: 'image/png' }]]);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'payload_too_large', errors: [expect.objectContaining({ field: 'file', key: 'file_too_large' })] });
    expect(res.body.errors[0].message).toContain('5 MB');
    expect(await stored()).toEqual(before);
  });

  it.each<[string, [string, TPart][], string]>([
    ['there is no file', [['opdId', 'x']], 'file'],
    ['there are two files', [['opdId', 'x'], ['file', { bytes: Buffer.from('GIF89a'), name: 'a.gif' }], ['file', { bytes: Buffer.from('GIF89a'), name: 'b.gif' }]], 'file'],
    ['a field is unknown', [['caption', 'halo'], ['file', { bytes: Buffer.from('a'), name: 'a.png' }]], 'caption'],
    ['the OPD is missing', [['file', { bytes: Buffer.from('GIF89a'), name: 'a.gif' }]], 'opdId'],
    ['the alt text is over 1,000 characters', [['altText', 'a'.repeat(1001)], ['file', { bytes: Buffer.from('GIF89a'), name: 'a.gif' }]], 'altText'],
  ])('when %s, then it is refused naming the field and nothing is stored', async (_what, parts, field) => {
    const before = await stored();
    const res = await upload(operator, parts.map(([name, part]) => [name, name === 'opdId' ? dinkes.id : part]));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await stored()).toEqual(before);
  });

  it.each([
    ['an OPD the operator does not belong to', () => camat.id],
    ['an OPD that does not exist', () => 'no-such-opd'],
  ])('when the file is for %s, then it answers 404 and nothing is stored', async (_what, opdId) => {
    const before = await stored();
    const res = await upload(operator, [['opdId', opdId()], ['file', { bytes: fixtures.largePng, name: 'a.png' }]]);
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'opdId' })]);
    expect(await stored()).toEqual(before);
  });

  it('when the CSRF token is missing, then it answers 403 and nothing is stored', async () => {
    const before = await stored();
    const res = await upload(operator, [['opdId', dinkes.id], ['file', { bytes: fixtures.largePng, name: 'a.png' }]], { csrf: false });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf');
    expect(await stored()).toEqual(before);
  });
});

describe('fetching media', () => {
  it('when the file and the thumbnail are fetched within scope, then they come with their type and a private cache; out of scope they do not exist', async () => {
    const image = (await upload(operator, [['opdId', dinkes.id], ['file', { bytes: fixtures.largePng, name: 'a.png' }]])).body;
    const video = (await upload(operator, [['opdId', dinkes.id], ['file', { bytes: fixtures.mp4, name: 'a.mp4' }]])).body;
    const row = await rowOf(image.id);

    const file = await fetchFile(operator, image.url);
    expect([file.status, file.headers.get('content-type'), file.headers.get('cache-control')]).toEqual([200, 'image/png', 'private, max-age=3600']);
    expect(file.bytes.equals(readFileSync(onDisk(row.path)))).toBe(true);
    const thumb = await fetchFile(operator, image.thumbnailUrl);
    expect([thumb.status, thumb.headers.get('content-type'), thumb.headers.get('cache-control')]).toEqual([200, 'image/jpeg', 'private, max-age=3600']);
    const clip = await fetchFile(operator, video.url);
    expect([clip.status, clip.headers.get('content-type')]).toEqual([200, 'video/mp4']);
    expect(clip.bytes.equals(fixtures.mp4)).toBe(true);
    expect((await fetchFile(admin, image.url)).status).toBe(200);

    expect((await fetchFile(otherOperator, image.url)).status).toBe(404);
    expect((await fetchFile(otherOperator, image.thumbnailUrl)).status).toBe(404);
    expect((await fetchFile(operator, `/api/media/${video.id}/thumbnail`)).status).toBe(404);
    expect((await fetchFile(operator, '/api/media/no-such-id/file')).status).toBe(404);
    expect((await fetchFile(new ApiClient(app.url), image.url)).status).toBe(401);
    expect(existsSync(onDisk('.incoming')) ? readdirSync(onDisk('.incoming')) : []).toEqual([]);
  });
});

describe('media details and alt text', () => {
  it('when an uploaded image is read and described, then the details come back in scope only, and a too-long text changes nothing', async () => {
    const image = (await upload(operator, [['opdId', dinkes.id], ['file', { bytes: fixtures.largePng, name: 'b.png' }]])).body;
    const read = await operator.get(`/api/media/${image.id}`);
    expect(read.status).toBe(200);
    expect(ZMedia.parse(read.body)).toEqual(image);

    const described = await operator.request('PATCH', `/api/media/${image.id}`, { altText: '  Peta lokasi posyandu  ' });
    expect(described.status).toBe(200);
    expect(described.body.altText).toBe('Peta lokasi posyandu');
    expect((await rowOf(image.id)).alt_text).toBe('Peta lokasi posyandu');

    const tooLong = await operator.request('PATCH', `/api/media/${image.id}`, { altText: 'x'.repeat(1001) }, { headers: { 'accept-language': 'en' } });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain('alternative text is too long');
    expect((await rowOf(image.id)).alt_text).toBe('Peta lokasi posyandu');

    const cleared = await operator.request('PATCH', `/api/media/${image.id}`, { altText: '' });
    expect([cleared.status, cleared.body.altText, (await rowOf(image.id)).alt_text]).toEqual([200, null, null]);

    // Another OPD's operator neither reads nor changes it.
    expect((await otherOperator.get(`/api/media/${image.id}`)).status).toBe(404);
    expect((await otherOperator.request('PATCH', `/api/media/${image.id}`, { altText: 'diubah' })).status).toBe(404);
    expect((await rowOf(image.id)).alt_text).toBe(null);
    expect((await operator.request('PATCH', `/api/media/${image.id}`, { altText: 42 })).status).toBe(400);
  });
});
