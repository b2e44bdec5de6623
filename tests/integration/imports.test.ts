import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcToZonedWallTime, ZImport, type TImport } from '@siar/shared';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

const DAY_MS = 24 * 3600_000;
const HEADER = 'akun;tanggal;jam;teks;media_url';

let t: TTestDatabase;
let app: TTestApp;
let media: Server;
let mediaUrl: string;
let dinkes: Awaited<ReturnType<typeof buildOpd>>;
let camat: Awaited<ReturnType<typeof buildOpd>>;
let operator: ApiClient;
let camatOperator: ApiClient;
let admin: ApiClient;

/** A WIB calendar date some days ahead, as YYYY-MM-DD. */
const wibDate = (daysAhead: number) => utcToZonedWallTime(new Date(Date.now() + daysAhead * DAY_MS)).date;
const count = async (table: 'post' | 'import_batch' | 'import_row') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function login(username: string) {
  const client = new ApiClient(app.url);
  expect((await client.login(username, 'Test-Password-123')).status).toBe(200);
  return client;
}

/** POST /api/imports as a browser sends it: multipart, field `file`, cookies and CSRF header. */
async function upload(client: ApiClient, content: string | Uint8Array, fileName = 'jadwal.csv') {
  const form = new FormData();
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), fileName);
  const headers = { accept: 'application/json', cookie: [...client.jar].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': decodeURIComponent(client.jar.get('siar_csrf')!) };
  const res = await fetch(`${app.url}/api/imports`, { method: 'POST', headers, body: form });
  const body: any = await res.json(); // eslint-disable-line @typescript-eslint/no-explicit-any -- a 201 or a problem, as ApiClient answers
  return { status: res.status, body };
}

async function uploadPreview(client: ApiClient, content: string | Uint8Array): Promise<TImport> {
  const res = await upload(client, content);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return ZImport.parse(res.body);
}

async function committed(client: ApiClient, id: string): Promise<TImport> {
  await expect.poll(async () => (await client.get(`/api/imports/${id}?rows=0`)).body.status, { timeout: 60_000, interval: 200 }).toBe('done');
  return ZImport.parse((await client.get(`/api/imports/${id}`)).body);
}

const rowsOf = (lines: string[]) => `${HEADER}\n${lines.join('\n')}\n`;

beforeAll(async () => {
  // What the tests and the demo set: the media test server below listens on 127.0.0.1.
  process.env.SIAR_IMPORT_ALLOW_PRIVATE_MEDIA_HOSTS = '1';
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-imports' });
  dinkes = await buildOpd(t.db, { name: 'Dinas Kesehatan' });
  camat = await buildOpd(t.db, { name: 'Kecamatan Tigaraksa' });
  await buildAccount(t.db, t.ring, { opdId: dinkes.id, handle: 'dinkes' });
  await buildAccount(t.db, t.ring, { opdId: dinkes.id, handle: 'dinkes_info' });
  await buildAccount(t.db, t.ring, { opdId: dinkes.id, handle: 'dinkes_lama', status: 'needs_reconnect' });
  await buildAccount(t.db, t.ring, { opdId: camat.id, handle: 'camat' });
  await buildUser(t.db, { username: 'op', role: 'operator', opdIds: [dinkes.id] });
  await buildUser(t.db, { username: 'op-camat', role: 'operator', opdIds: [camat.id] });
  await buildUser(t.db, { username: 'boss', role: 'admin' });
  [operator, camatOperator, admin] = await Promise.all([login('op'), login('op-camat'), login('boss')]);

  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#1a7' } }).png().toBuffer();
  const files = express();
  files.get('/poster.png', (_req, res) => res.type('image/png').send(png));
  files.get('/moved.png', (_req, res) => res.redirect(302, '/poster.png'));
  media = await new Promise((resolve) => {
    const s = files.listen(0, '127.0.0.1', () => resolve(s));
  });
  mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
});
afterAll(async () => {
  media?.closeAllConnections();
  media?.close();
  await app?.close();
  await t?.close();
});

describe('the template', () => {
  it('when downloaded, then it is a BOM-prefixed semicolon CSV with the header and two rows that import as they are', async () => {
    const res = await fetch(`${app.url}/api/imports/template.csv`, { headers: { cookie: [...operator.jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(3);

    const preview = await uploadPreview(operator, bytes);
    expect(preview).toMatchObject({ status: 'preview', totalRows: 2, validRows: 2, invalidRows: 0 });
    expect(preview.rows?.map((r) => r.errors)).toEqual([[], []]);
    expect(preview.rows?.[0]?.accounts).toEqual(['dinkes']);
  });
});

describe('a month planned in a spreadsheet', () => {
  it('when 200 rows hold 3 bad ones, then the preview flags exactly those, and the commit schedules the other 197 with one delayed job per account', async () => {
    await app.queue.obliterate({ force: true });
    const postsBefore = await count('post');
    const lines = Array.from({ length: 200 }, (_, i) => {
      const day = wibDate(2 + (i % 28));
      const time = `${String(7 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
      const text = `Agenda ${i + 1} Dinkes: ${['posyandu', 'imunisasi', 'donor darah', 'senam sehat', 'cek gula'][i % 5]} di kelurahan ke-${i + 1}`;
      if (i === 49) return `@tidak_ada;${day};${time};${text};`;
      if (i === 99) return `@dinkes, dinkes_info;${day};${time};${'Teks yang terlalu panjang untuk X. '.repeat(10)};`;
      if (i === 149) return `@dinkes|dinkes_info;${wibDate(-1)};${time};${text};`;
      return `@dinkes dinkes_info;${day};${time};${text};`;
    });
    const preview = await uploadPreview(operator, rowsOf(lines));
    expect(preview).toMatchObject({ status: 'preview', fileName: 'jadwal.csv', totalRows: 200, validRows: 197, invalidRows: 3 });
    const bad = preview.rows!.filter((r) => r.errors.length > 0);
    expect(bad.map((r) => [r.rowNumber, r.errors.map((e) => e.field)])).toEqual([
      [51, ['accounts']],
      [101, ['text']],
      [151, ['time']],
    ]);
    expect(bad[0]!.errors[0]!.message).toBe('Akun tidak dikenal: @tidak_ada (bukan akun OPD Anda).');
    expect(bad[1]!.errors[0]!.message).toMatch(/^Teks terlalu panjang untuk X \(\d+\/280\)\.$/);
    expect(bad[2]!.errors[0]!.message).toBe('Waktu jadwal sudah lewat.');
    expect(preview.rows![0]).toMatchObject({ rowNumber: 2, accounts: ['dinkes', 'dinkes_info'], status: 'valid', mediaUrl: null });
    // Leaving at the preview schedules nothing.
    expect(await count('post')).toBe(postsBefore);

    const commit = await operator.post(`/api/imports/${preview.id}/commit`);
    expect(commit.status).toBe(202);
    expect(commit.body).toMatchObject({ id: preview.id, status: expect.stringMatching(/^(committing|done)$/) });
    const done = await committed(operator, preview.id);
    expect(done).toMatchObject({ status: 'done', processedRows: 197, createdPosts: 197, failedCount: 0, failedRows: [] });
    expect(await count('post')).toBe(postsBefore + 197);
    const postIds = done.rows!.flatMap((r) => (r.postId ? [r.postId] : []));
    expect(new Set(postIds).size).toBe(197);
    expect(done.rows!.filter((r) => r.status === 'created')).toHaveLength(197);
    expect((await app.queue.getJobCounts('delayed')).delayed).toBe(197 * 2);

    // Each post is at the row's wall-clock time in WIB, on both accounts.
    const first = await operator.get(`/api/posts/${done.rows![0]!.postId}`);
    expect(first.body).toMatchObject({ status: 'scheduled', scheduledAt: `${wibDate(2)}T00:00:00.000Z` });
    expect(first.body.deliveries.map((d: { handle: string }) => d.handle).sort()).toEqual(['dinkes', 'dinkes_info']);
  });

  it('when committed twice at once and again later, then one run creates each post once', async () => {
    const lines = Array.from({ length: 6 }, (_, i) => `dinkes;${wibDate(3)};${10 + i}:15;Kegiatan serentak nomor ${i + 1} tanpa duplikat;`);
    const preview = await uploadPreview(operator, rowsOf(lines));
    const before = await count('post');
    const answers = await Promise.all([1, 2, 3].map(() => operator.post(`/api/imports/${preview.id}/commit`)));
    for (const answer of answers) expect([200, 202]).toContain(answer.status);
    await committed(operator, preview.id);
    const again = await operator.post(`/api/imports/${preview.id}/commit`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'done', createdPosts: 6 });
    expect(await count('post')).toBe(before + 6);
  });

  it('when a run was interrupted by a restart, then committing again resumes it without creating a row’s post twice', async () => {
    const lines = Array.from({ length: 4 }, (_, i) => `dinkes;${wibDate(4)};09:0${i};Lanjutan setelah mati listrik nomor ${i + 1};`);
    const preview = await uploadPreview(operator, rowsOf(lines));
    // The dead run had created row 2's post but not yet recorded it, and had been silent for 2 minutes.
    const orphan = await operator.post('/api/posts', { accountIds: [(await t.db.selectFrom('social_account').select('id').where('handle', '=', 'dinkes').executeTakeFirstOrThrow()).id], text: 'Lanjutan setelah mati listrik nomor 1', scheduledAt: preview.rows![0]!.scheduledAt });
    expect(orphan.status).toBe(201);
    const me = await t.db.selectFrom('user').select('id').where('username', '=', 'op').executeTakeFirstOrThrow();
    const stale = new Date(Date.now() - 120_000).toISOString();
    await t.db.updateTable('import_batch').set({ status: 'committing', committed_by: me.id, updated_at: stale }).where('id', '=', preview.id).execute();
    await t.db.updateTable('import_row').set({ status: 'creating' }).where('import_id', '=', preview.id).where('row_number', '=', 2).execute();
    const before = await count('post');

    expect((await operator.get(`/api/imports/${preview.id}?rows=0`)).body).toMatchObject({ status: 'committing', resumable: true });
    const resume = await operator.post(`/api/imports/${preview.id}/commit`);
    expect(resume.status).toBe(202);
    const done = await committed(operator, preview.id);
    expect(done).toMatchObject({ createdPosts: 4, processedRows: 4, failedCount: 0, resumable: false });
    expect(done.rows![0]!.postId).toBe(orphan.body.id);
    expect(await count('post')).toBe(before + 3);
  });

  it('when a row’s time passes between preview and commit, then that row fails with the reason and the others go on', async () => {
    const preview = await uploadPreview(operator, rowsOf([`dinkes;${wibDate(5)};08:00;Baris yang tetap berlaku;`, `dinkes;${wibDate(5)};09:00;Baris yang keburu lewat;`]));
    await t.db.updateTable('import_row').set({ scheduled_at: new Date(Date.now() - 3600_000).toISOString() }).where('import_id', '=', preview.id).where('row_number', '=', 3).execute();
    expect((await operator.post(`/api/imports/${preview.id}/commit`)).status).toBe(202);
    const done = await committed(operator, preview.id);
    expect(done).toMatchObject({ createdPosts: 1, failedCount: 1, failedRows: [{ rowNumber: 3, errors: [{ field: 'time', message: 'Waktu jadwal sudah lewat.' }] }] });
  });
});

describe('reading the file', () => {
  it('when the file is windows-1252 (Excel on Windows), then é and ñ are read right', async () => {
    const text = rowsOf([`dinkes;${wibDate(6)};08:00;Kopi sehat di Café Señora, Tigaraksa;`]);
    const preview = await uploadPreview(operator, Buffer.from(text, 'latin1'));
    expect(preview.rows?.[0]?.text).toBe('Kopi sehat di Café Señora, Tigaraksa');
    expect(preview.validRows).toBe(1);
  });

  it('when the same sheet comes with semicolons or with commas, then it reads the same', async () => {
    const semicolon = await uploadPreview(operator, `akun;tanggal;jam;teks\ndinkes;${wibDate(6)};8.30;Halo, warga\n`);
    const [y, m, d] = wibDate(6).split('-');
    const comma = await uploadPreview(operator, `Account,Date,Time,Text\ndinkes,${d}/${m}/${y},08:30,"Halo, warga"\n`);
    const shape = (p: TImport) => p.rows!.map((r) => ({ accounts: r.accounts, scheduledAt: r.scheduledAt, text: r.text, errors: r.errors }));
    expect(shape(comma)).toEqual(shape(semicolon));
    expect(semicolon.validRows).toBe(1);
  });

  it('when a quoted text holds line breaks, then it is one row with its line breaks', async () => {
    const preview = await uploadPreview(operator, `${HEADER}\ndinkes;${wibDate(6)};10:00;"Baris pertama\nBaris kedua; masih teks";\ndinkes;${wibDate(6)};11:00;Berikutnya;\n`);
    expect(preview.rows?.map((r) => [r.rowNumber, r.text])).toEqual([
      [2, 'Baris pertama\nBaris kedua; masih teks'],
      [3, 'Berikutnya'],
    ]);
  });

  it('when the file has more than 2,000 rows, then it is refused naming the limit and nothing is stored', async () => {
    const before = [await count('import_batch'), await count('import_row')];
    const res = await upload(operator, rowsOf(Array.from({ length: 2001 }, (_, i) => `dinkes;${wibDate(7)};08:00;Baris ${i};`)));
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'file', key: 'import_too_many_rows' });
    expect(res.body.errors[0].message).toContain('maksimal 2000 baris');
    expect([await count('import_batch'), await count('import_row')]).toEqual(before);
  });

  it('when the file is too large, has no header or is missing, then it is a translated 4xx and nothing is stored', async () => {
    const before = await count('import_batch');
    const big = await upload(operator, `${HEADER}\n${'x'.repeat(2 * 1024 * 1024 + 10)}`);
    expect(big.status).toBe(413);
    expect(big.body.errors[0].message).toContain('2 MB');
    const noHeader = await upload(operator, 'halo;apa;kabar\n1;2;3\n');
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.errors[0].message).toContain('akun, tanggal, jam, teks');
    const form = await fetch(`${app.url}/api/imports`, { method: 'POST', headers: { cookie: [...operator.jar].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': decodeURIComponent(operator.jar.get('siar_csrf')!) }, body: new FormData() });
    expect(form.status).toBe(400);
    expect(await count('import_batch')).toBe(before);
  });

  it('when rows have bad dates, times, accounts or links, then each is named in the row with a translated message', async () => {
    const preview = await uploadPreview(operator, rowsOf([`;31/02/2027;25:00;;ftp://contoh.go.id/a.png`, `@camat @dinkes_lama;${wibDate(8)};08:00;Untuk akun kecamatan;`]));
    expect(preview.rows![0]!.errors).toEqual([
      { field: 'accounts', message: 'Kolom akun kosong.' },
      { field: 'text', message: 'Teks postingan wajib diisi.' },
      { field: 'date', message: 'Tanggal tidak valid: "31/02/2027" (gunakan YYYY-MM-DD atau DD/MM/YYYY).' },
      { field: 'time', message: 'Jam tidak valid: "25:00" (gunakan HH:mm, mis. 08:30).' },
      { field: 'mediaUrl', message: 'Tautan tidak valid (harus diawali http:// atau https://).' },
    ]);
    // Another OPD's account is as unknown as one that does not exist.
    expect(preview.rows![1]!.errors.map((e) => e.message)).toEqual(['Akun tidak dikenal: @camat (bukan akun OPD Anda).', 'Akun perlu dihubungkan ulang dulu: @dinkes_lama.']);
    expect(preview.validRows).toBe(0);
    const commit = await operator.post(`/api/imports/${preview.id}/commit`);
    expect(commit.status).toBe(400);
  });
});

describe('scope and lifecycle', () => {
  it("when an operator asks for or commits another OPD's import, then it is 404 and it is not listed", async () => {
    const theirs = await uploadPreview(admin, rowsOf([`camat;${wibDate(9)};08:00;Info kecamatan;`]));
    expect((await operator.get(`/api/imports/${theirs.id}`)).status).toBe(404);
    expect((await operator.post(`/api/imports/${theirs.id}/commit`)).status).toBe(404);
    expect((await operator.post(`/api/imports/${theirs.id}/discard`)).status).toBe(404);
    expect((await operator.get('/api/imports?limit=100')).body.items.map((i: { id: string }) => i.id)).not.toContain(theirs.id);
    // The OPD's own operator sees it; it stays a preview.
    expect((await camatOperator.get(`/api/imports/${theirs.id}`)).body).toMatchObject({ status: 'preview', validRows: 1 });
  });

  it('when a preview is older than 24 hours, then committing it is refused, translated, and schedules nothing', async () => {
    const preview = await uploadPreview(operator, rowsOf([`dinkes;${wibDate(9)};08:00;Kedaluwarsa;`]));
    const old = new Date(Date.now() - 25 * 3600_000).toISOString();
    await t.db.updateTable('import_batch').set({ created_at: old, updated_at: old }).where('id', '=', preview.id).execute();
    const before = await count('post');
    const res = await operator.post(`/api/imports/${preview.id}/commit`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toContain('lebih dari 24 jam');
    expect(await count('post')).toBe(before);
  });

  it('when a preview is discarded, then it can no longer be committed', async () => {
    const preview = await uploadPreview(operator, rowsOf([`dinkes;${wibDate(9)};09:00;Batal;`]));
    expect((await operator.post(`/api/imports/${preview.id}/discard`)).body.status).toBe('discarded');
    expect((await operator.post(`/api/imports/${preview.id}/commit`)).status).toBe(409);
  });

  it('when listing with a page size, then pages follow the cursor newest first without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string; createdAt: string }[]; nextCursor: string | null } } = await operator.get(`/api/imports?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(Number((await t.db.selectFrom('import_batch').innerJoin('user', 'user.id', 'import_batch.created_by').select((eb) => eb.fn.countAll().as('n')).where('user.username', '=', 'op').executeTakeFirstOrThrow()).n));
  });
});

describe('media links', () => {
  it('when a row links an image, then it is downloaded through the media pipeline and attached; a broken link fails its row only', async () => {
    const preview = await uploadPreview(operator, rowsOf([`dinkes;${wibDate(10)};08:00;Poster posyandu bulan ini;${mediaUrl}/moved.png`, `dinkes;${wibDate(10)};09:00;Poster yang hilang;${mediaUrl}/missing.png`, `dinkes;${wibDate(10)};10:00;Tanpa gambar;`]));
    expect(preview.validRows).toBe(3);
    expect((await operator.post(`/api/imports/${preview.id}/commit`)).status).toBe(202);
    const done = await committed(operator, preview.id);
    expect(done).toMatchObject({ createdPosts: 2, failedCount: 1 });
    expect(done.failedRows).toEqual([{ rowNumber: 3, errors: [{ field: 'mediaUrl', message: 'Media tidak bisa diunduh: server menjawab HTTP 404' }] }]);

    const post = await t.db.selectFrom('post').select('media_ids').where('id', '=', done.rows![0]!.postId!).executeTakeFirstOrThrow();
    const [mediaId] = JSON.parse(post.media_ids) as string[];
    const row = await t.db.selectFrom('media').selectAll().where('id', '=', mediaId!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ opd_id: dinkes.id, mime: 'image/png', width: 64, height: 48 });
    expect(existsSync(join(app.mediaDir, row.path))).toBe(true);
    expect(existsSync(join(app.mediaDir, row.thumbnail_path!))).toBe(true);
  });
});

describe('Instagram in a spreadsheet', () => {
  it('when a row goes to an Instagram account without a media URL, then the check says so on that row (as scheduling would), and the template keeps to accounts that take text alone', async () => {
    const igId = randomUUID();
    const now = new Date().toISOString();
    await t.db
      .insertInto('social_account')
      .values({ id: igId, opd_id: dinkes.id, platform: 'instagram', external_id: `1784${Date.now()}`, handle: 'aaa_dinkes_ig', display_name: 'Dinkes IG', status: 'active', credentials: null, token_expires_at: null, created_at: now, updated_at: now })
      .execute();
    try {
      const preview = await uploadPreview(operator, rowsOf([`@aaa_dinkes_ig;${wibDate(3)};09:00;Cek kesehatan gratis di puskesmas.;`, `@dinkes;${wibDate(3)};10:00;Cek kesehatan gratis di puskesmas.;`]));
      expect(preview).toMatchObject({ totalRows: 2, validRows: 1, invalidRows: 1 });
      expect(preview.rows![0]!.errors).toEqual([{ field: 'mediaUrl', message: 'Instagram memerlukan setidaknya satu gambar atau video.' }]);
      expect(preview.rows![1]!.errors).toEqual([]);

      const res = await fetch(`${app.url}/api/imports/template.csv`, { headers: { cookie: [...operator.jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
      const template = new Uint8Array(await res.arrayBuffer());
      expect(new TextDecoder().decode(template)).not.toContain('aaa_dinkes_ig');
      expect(await uploadPreview(operator, template)).toMatchObject({ totalRows: 2, validRows: 2, invalidRows: 0 });
    } finally {
      await t.db.deleteFrom('social_account').where('id', '=', igId).execute();
    }
  });
});
