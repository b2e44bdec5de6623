import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, dataVersion, type TDatabase } from '@siar/shared/node';
import { createJsonCache } from '../../server/src/libraries/http/cached-json';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

/**
 * GET /api/calendar and GET /api/posts are computed once per data change, per user and query:
 * revalidated with ETags, gzipped when asked, and never older than the last committed write,
 * wherever it came from (this server, the worker's connection, an admin's change of scope).
 */

let t: TTestDatabase;
let app: TTestApp;
/** A second connection to the same database, as the worker process holds. */
let worker: TDatabase;
let opdA: Awaited<ReturnType<typeof buildOpd>>;
let opdB: Awaited<ReturnType<typeof buildOpd>>;
let aX: Awaited<ReturnType<typeof buildAccount>>;
let bX: Awaited<ReturnType<typeof buildAccount>>;
let operatorAId: string;
let admin: ApiClient;
let operatorA: ApiClient;
let operatorB: ApiClient;

const PASSWORD = 'Test-Password-123';
const dialect = testDatabaseOptions().dialect;
const ETAG = /^W\/"[A-Za-z0-9_-]{27}"$/;

interface TRawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The bytes as sent (fetch would decompress and add its own Accept-Encoding). */
function raw(client: ApiClient, path: string, headers: Record<string, string> = {}): Promise<TRawResponse> {
  const cookie = [...client.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return new Promise((resolve, reject) => {
    const req = httpRequest(client.baseUrl + path, { headers: { cookie, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const jsonOf = (r: TRawResponse) => JSON.parse(r.body.toString('utf8'));

/** A day of its own for each test, in the future (the API refuses past times), two clear days apart. */
let nextDay = 2;
function freshDay() {
  const from = new Date(Math.floor(Date.now() / 3600_000) * 3600_000 + nextDay * 24 * 3600_000);
  nextDay += 3;
  const at = (hours: number) => new Date(from.getTime() + hours * 3600_000).toISOString();
  return { path: `/api/calendar?from=${from.toISOString()}&to=${at(24)}`, at };
}

async function createPost(client: ApiClient, accountId: string, at: string) {
  const res = await client.post('/api/posts', { accountIds: [accountId], text: `Info layanan ${randomUUID()}`, scheduledAt: at });
  expect(res.status).toBe(201);
  return res.body as { id: string; revision: number; deliveries: { id: string }[] };
}

async function calendarIds(client: ApiClient, path: string) {
  const res = await raw(client, path);
  expect(res.status).toBe(200);
  return {
    ids: (jsonOf(res).items as { id: string }[]).map((i) => i.id),
    etag: res.headers.etag,
    items: jsonOf(res).items as { id: string; status: string; accounts: { deliveryStatus: string }[] }[],
  };
}

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-cached-answers' });
  worker = createDatabase({ url: t.url });
  opdA = await buildOpd(t.db, { name: 'Dinas Kesehatan' });
  opdB = await buildOpd(t.db, { name: 'Kecamatan Tigaraksa' });
  aX = await buildAccount(t.db, t.ring, { opdId: opdA.id, handle: 'dinkes' });
  bX = await buildAccount(t.db, t.ring, { opdId: opdB.id, handle: 'camat' });
  await buildUser(t.db, { username: 'boss', role: 'admin' });
  operatorAId = (await buildUser(t.db, { username: 'op-a', opdIds: [opdA.id] })).id;
  await buildUser(t.db, { username: 'op-b', opdIds: [opdB.id] });
  admin = new ApiClient(app.url);
  operatorA = new ApiClient(app.url);
  operatorB = new ApiClient(app.url);
  expect((await admin.login('boss', PASSWORD)).status).toBe(200);
  expect((await operatorA.login('op-a', PASSWORD)).status).toBe(200);
  expect((await operatorB.login('op-b', PASSWORD)).status).toBe(200);
});

afterAll(async () => {
  await worker?.destroy();
  await app?.close();
  await t?.close();
});

describe('revalidation and compression', () => {
  it('when the calendar is asked twice, then the same bytes and ETag come, and with that ETag a 304 without a body', async () => {
    const day = freshDay();
    const post = await createPost(operatorA, aX.id, day.at(1));
    const first = await raw(operatorA, day.path);
    const second = await raw(operatorA, day.path);
    expect(first.status).toBe(200);
    expect(jsonOf(first).items.map((i: { id: string }) => i.id)).toEqual([post.id]);
    expect(second.body.equals(first.body)).toBe(true);
    expect(first.headers.etag).toMatch(ETAG);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(first.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'private, no-cache',
      vary: 'Accept-Encoding',
      'content-length': String(first.body.length),
    });
    expect(first.headers['content-encoding']).toBeUndefined();

    const notModified = await raw(operatorA, day.path, { 'if-none-match': first.headers.etag! });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers.etag).toBe(first.headers.etag);
    // A list of tags, the strong form of the same tag, or `*` match as well; another tag does not.
    expect((await raw(operatorA, day.path, { 'if-none-match': `"nope", ${first.headers.etag}` })).status).toBe(304);
    expect((await raw(operatorA, day.path, { 'if-none-match': first.headers.etag!.slice(2) })).status).toBe(304);
    expect((await raw(operatorA, day.path, { 'if-none-match': 'W/"nope"' })).status).toBe(200);
  });

  it.each([
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['br;q=1, gzip;q=0.5', true],
    ['*', true],
    ['gzip;q=0', false],
    ['gzip;q=0, *', false],
    ['identity', false],
    ['deflate', false],
    [undefined, false],
  ])('when Accept-Encoding is %j, then gzip is used: %s, and the answer is the same bytes', async (acceptEncoding, zipped) => {
    const day = freshDay();
    await createPost(operatorA, aX.id, day.at(2));
    const plain = await raw(operatorA, day.path, { 'accept-encoding': 'identity' });
    const res = await raw(operatorA, day.path, acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(res.body.length));
    expect(res.headers.etag).toBe(plain.headers.etag);
    if (zipped) {
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(res.body).equals(plain.body)).toBe(true);
    } else {
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body.equals(plain.body)).toBe(true);
    }
  });

  it('when the client revalidates a gzipped copy, then it is a 304 too', async () => {
    const day = freshDay();
    await createPost(operatorA, aX.id, day.at(3));
    const zipped = await raw(operatorA, day.path, { 'accept-encoding': 'gzip' });
    expect((await raw(operatorA, day.path, { 'accept-encoding': 'gzip', 'if-none-match': zipped.headers.etag! })).status).toBe(304);
  });

  it('when the query is invalid or the computation fails, then it is the usual 400 problem, without the cache headers', async () => {
    // The query fails to parse; the posts list's cursor fails inside the computation.
    for (const path of ['/api/calendar?from=kemarin&to=2026-01-01T00:00:00Z', '/api/posts?cursor=bm90LWEtY3Vyc29y']) {
      const res = await raw(operatorA, path);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['cache-control']).toBeUndefined();
      expect(res.headers.etag).not.toMatch(ETAG);
    }
  });
});

describe('never older than the last write', () => {
  it('when a post is created, moved and cancelled through the API, then each very next GET shows it with a new ETag', async () => {
    const day = freshDay();
    const first = await createPost(operatorA, aX.id, day.at(1));
    const before = await calendarIds(operatorA, day.path);
    expect(before.ids).toEqual([first.id]);

    const second = await createPost(operatorA, aX.id, day.at(5));
    const created = await calendarIds(operatorA, day.path);
    expect(created.ids).toEqual([first.id, second.id]);
    expect(created.etag).not.toBe(before.etag);
    // The browser's copy is no longer current: a 200, not a 304.
    expect((await raw(operatorA, day.path, { 'if-none-match': before.etag! })).status).toBe(200);

    const moved = await operatorA.request('PATCH', `/api/posts/${first.id}`, { scheduledAt: day.at(30), revision: first.revision });
    expect(moved.status).toBe(200);
    const afterMove = await calendarIds(operatorA, day.path);
    expect(afterMove.ids).toEqual([second.id]);

    expect((await operatorA.post(`/api/posts/${second.id}/cancel`)).status).toBe(200);
    const afterCancel = await calendarIds(operatorA, day.path);
    expect(afterCancel.items).toEqual([
      expect.objectContaining({ id: second.id, status: 'cancelled', accounts: [expect.objectContaining({ deliveryStatus: 'cancelled' })] }),
    ]);
    expect(new Set([before.etag, created.etag, afterMove.etag, afterCancel.etag]).size).toBe(4);
  });

  it("when the worker's connection changes a delivery, then the next GET shows it", async () => {
    const day = freshDay();
    const post = await createPost(operatorA, aX.id, day.at(2));
    const before = await calendarIds(operatorA, day.path);
    expect(before.items[0]!.accounts[0]!.deliveryStatus).toBe('scheduled');

    await worker.updateTable('delivery').set({ status: 'publishing' }).where('id', '=', post.deliveries[0]!.id).execute();
    const claimed = await calendarIds(operatorA, day.path);
    expect(claimed.items[0]!.accounts[0]!.deliveryStatus).toBe('publishing');
    expect(claimed.etag).not.toBe(before.etag);

    // The test's own handle (on SQLite the server's very connection) counts as well.
    await t.db.updateTable('delivery').set({ status: 'published' }).where('id', '=', post.deliveries[0]!.id).execute();
    expect((await calendarIds(operatorA, day.path)).items[0]!.accounts[0]!.deliveryStatus).toBe('published');
  });

  it("when an operator of another OPD asks for the same URL, then they get their own answer, never the first one's", async () => {
    const day = freshDay();
    const postA = await createPost(operatorA, aX.id, day.at(1));
    const postB = await createPost(operatorB, bX.id, day.at(2));
    const a = await calendarIds(operatorA, day.path);
    const b = await calendarIds(operatorB, day.path);
    expect(a.ids).toEqual([postA.id]);
    expect(b.ids).toEqual([postB.id]);
    const withOthersTag = await raw(operatorB, day.path, { 'if-none-match': a.etag! });
    expect(withOthersTag.status).toBe(200);
    expect(jsonOf(withOthersTag).items.map((i: { id: string }) => i.id)).toEqual([postB.id]);
    // The admin sees both.
    expect((await calendarIds(admin, day.path)).ids).toEqual([postA.id, postB.id]);
  });

  it("when an admin changes an operator's OPDs, then that operator's next GET follows", async () => {
    const day = freshDay();
    const postA = await createPost(operatorA, aX.id, day.at(1));
    const postB = await createPost(operatorB, bX.id, day.at(2));
    expect((await calendarIds(operatorA, day.path)).ids).toEqual([postA.id]);

    expect((await admin.request('PATCH', `/api/admin/users/${operatorAId}`, { opdIds: [opdA.id, opdB.id] })).status).toBe(200);
    expect((await calendarIds(operatorA, day.path)).ids).toEqual([postA.id, postB.id]);

    expect((await admin.request('PATCH', `/api/admin/users/${operatorAId}`, { opdIds: [opdA.id] })).status).toBe(200);
    expect((await calendarIds(operatorA, day.path)).ids).toEqual([postA.id]);
  });
});

describe('the posts list', () => {
  it('when asked twice, then the same ETag, a 304 on revalidation, and a new answer after a write', async () => {
    const day = freshDay();
    const path = `/api/posts?from=${encodeURIComponent(day.at(0))}&to=${encodeURIComponent(day.at(24))}`;
    const post = await createPost(operatorA, aX.id, day.at(1));
    const first = await raw(operatorA, path);
    const second = await raw(operatorA, path);
    expect(jsonOf(first).items.map((p: { id: string }) => p.id)).toEqual([post.id]);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect((await raw(operatorA, path, { 'if-none-match': first.headers.etag! })).status).toBe(304);
    const zipped = await raw(operatorA, path, { 'accept-encoding': 'gzip' });
    expect(gunzipSync(zipped.body).equals(first.body)).toBe(true);

    await worker.updateTable('post').set({ text: 'Diubah oleh proses lain' }).where('id', '=', post.id).execute();
    const after = await raw(operatorA, path);
    expect(jsonOf(after).items[0].text).toBe('Diubah oleh proses lain');
    expect(after.headers.etag).not.toBe(first.headers.etag);
    expect((await raw(operatorB, path)).body.toString()).not.toContain(post.id);
  });

  it("when the same user asks in another language, then delivery errors come in that language, not the cached one's", async () => {
    const day = freshDay();
    const path = `/api/posts?from=${encodeURIComponent(day.at(0))}&to=${encodeURIComponent(day.at(24))}`;
    const post = await createPost(operatorA, aX.id, day.at(1));
    await t.db
      .updateTable('delivery')
      .set({ status: 'failed', last_error: JSON.stringify({ kind: 'rate_limited', message: '429' }) })
      .where('id', '=', post.deliveries[0]!.id)
      .execute();
    const errorIn = async (language: string) =>
      jsonOf(await raw(operatorA, path, { 'accept-language': language })).items[0].deliveries[0].error;
    expect(await errorIn('id')).toBe('Menunggu kuota platform: 429');
    expect(await errorIn('en')).toBe('Waiting for platform quota: 429');
    expect(await errorIn('id')).toBe('Menunggu kuota platform: 429');
  });
});

describe("Diskominfo's activity overview", () => {
  it('when asked twice, then the same ETag and a 304; a write shows at once, and an operator never gets the admin answer', async () => {
    const day = freshDay();
    const path = `/api/activity?from=${encodeURIComponent(day.at(0))}&to=${encodeURIComponent(day.at(24))}`;
    const first = await raw(admin, path);
    expect(first.status).toBe(200);
    const second = await raw(admin, path);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect((await raw(admin, path, { 'if-none-match': first.headers.etag! })).status).toBe(304);

    const post = await createPost(operatorA, aX.id, day.at(1));
    await worker.updateTable('delivery').set({ status: 'published', published_at: day.at(1), external_id: '1', external_url: 'https://x.com/dinkes/status/1' }).where('id', '=', post.deliveries[0]!.id).execute();
    const after = await raw(admin, path);
    expect(after.headers.etag).not.toBe(first.headers.etag);
    const published = (r: typeof after) => (jsonOf(r).opds as { id: string; published: number }[]).find((o) => o.id === opdA.id)?.published;
    expect(published(after)).toBe((published(first) ?? 0) + 1);

    const mine = jsonOf(await raw(operatorB, path)).opds as { id: string }[];
    expect(mine.map((o) => o.id)).toEqual([opdB.id]);
  });
});

describe('dataVersion', () => {
  it("when another connection's commit becomes visible after the version was read, then the version has moved", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let written!: () => void;
    const wrote = new Promise<void>((r) => (written = r));
    const opd = randomUUID();
    const writing = worker.transaction().execute(async (trx) => {
      await trx
        .insertInto('opd')
        .values({
          id: opd,
          name: 'Uncommitted',
          code: `U-${opd.slice(0, 8)}`,
          requires_approval: 0,
          weekly_target: 0,
          created_at: new Date().toISOString(),
        })
        .execute();
      written();
      await gate;
    });
    await wrote;
    const seen = async () => (await t.db.selectFrom('opd').select('id').where('id', '=', opd).execute()).length;
    const v1 = await dataVersion(t.db);
    expect(await seen()).toBe(0);
    release();
    await writing;
    expect(await seen()).toBe(1);
    expect(await dataVersion(t.db)).not.toBe(v1);
  });

  it.runIf(dialect === 'postgres')(
    'when the database is used by a role that is not a superuser, then the version can still be read',
    async () => {
      await t.db
        .transaction()
        .execute(async (trx) => {
          const role = `siar_plain_${randomUUID().slice(0, 8)}`;
          await sql`create role ${sql.id(role)} nosuperuser`.execute(trx);
          await sql`set local role ${sql.id(role)}`.execute(trx);
          expect(await dataVersion(trx)).toMatch(/^\d+:\d+:/);
          throw new Error('roll back the role');
        })
        .catch((err: Error) => expect(err.message).toBe('roll back the role'));
    },
  );
});

describe('the cache', () => {
  it('when 50 requests miss the same key and version at once, then the answer is computed once', async () => {
    const cache = createJsonCache();
    let runs = 0;
    const compute = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 20));
      return { items: [1, 2, 3] };
    };
    const entries = await Promise.all(Array.from({ length: 50 }, () => cache.entry('user-1|june', 'v1', compute)));
    expect(runs).toBe(1);
    expect(new Set(entries.map((e) => e.etag)).size).toBe(1);
    await cache.entry('user-1|june', 'v1', compute);
    expect(runs).toBe(1);
    await cache.entry('user-1|june', 'v2', compute);
    expect(runs).toBe(2);
  });

  it('when the computation fails, then every waiting request gets the error and nothing is kept', async () => {
    const cache = createJsonCache();
    let fail = true;
    const compute = async () => {
      if (fail) throw new Error('database gone');
      return { ok: true };
    };
    const results = await Promise.allSettled([cache.entry('k', 'v', compute), cache.entry('k', 'v', compute)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(cache.size.entries).toBe(0);
    fail = false;
    expect((await cache.entry('k', 'v', compute)).body.toString()).toBe('{"ok":true}');
  });

  it('when the bounds are passed, then the least recently used answers go first, gzip counted', async () => {
    const cache = createJsonCache({ maxBytes: 1000, maxEntries: 3 });
    const answer = (n: number) => async () => ({ pad: 'x'.repeat(n) });
    await cache.entry('a', 'v', answer(100));
    await cache.entry('b', 'v', answer(100));
    await cache.entry('c', 'v', answer(100));
    await cache.entry('a', 'v', answer(100)); // a is now the most recent
    await cache.entry('d', 'v', answer(100));
    expect(cache.size.entries).toBe(3);
    let computed = false;
    await cache.entry('b', 'v', async () => ((computed = true), { pad: 'x'.repeat(100) }));
    expect(computed).toBe(true);

    const big = await cache.entry('e', 'v', answer(700));
    const before = cache.size.bytes;
    const zipped = await cache.gzipOf(big);
    expect(cache.size.bytes).toBe(before + zipped.length);
    expect(await cache.gzipOf(big)).toBe(zipped);
    // One answer larger than the whole cache is sent but not kept.
    await cache.entry('huge', 'v', answer(2000));
    expect(cache.size.bytes).toBeLessThanOrEqual(1000);
  });
});
