import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZCalendarResponse, type TCalendarItem } from '@siar/shared';
import { recordPostReach } from '../../server/src/components/posts/posts.repository';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

/**
 * GET /api/calendar (issue #4): the compact range listing the calendar draws, and the drag that
 * reschedules through PATCH /api/posts/:id with the revision the calendar showed.
 */

let t: TTestDatabase;
let app: TTestApp;
let opdA: Awaited<ReturnType<typeof buildOpd>>;
let opdB: Awaited<ReturnType<typeof buildOpd>>;
let aX: Awaited<ReturnType<typeof buildAccount>>;
let aX2: Awaited<ReturnType<typeof buildAccount>>;
let bX: Awaited<ReturnType<typeof buildAccount>>;
let admin: ApiClient;
let operatorA: ApiClient;
let operatorB: ApiClient;
let author: string;

const PASSWORD = 'Test-Password-123';
/** A month of the past, filled straight into the database (the API refuses past times). */
const DECEMBER = { from: '2025-12-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' };
const ids: Record<string, string> = {};

async function insertPost(o: { key: string; opdId: string; accounts: { id: string; status: string }[]; at: string | null; status: string; text?: string }) {
  const id = randomUUID();
  ids[o.key] = id;
  const now = new Date().toISOString();
  await t.db.insertInto('post').values({ id, opd_id: o.opdId, author_id: author, status: o.status, scheduled_at: o.at, text: o.text ?? `Info ${o.key}`, media_ids: '[]', revision: 3, created_at: now, updated_at: now }).execute();
  for (const a of o.accounts) {
    await t.db
      .insertInto('delivery')
      .values({ id: randomUUID(), post_id: id, account_id: a.id, text_override: null, status: a.status, revision: 3, scheduled_at: o.at, attempt: 0, next_attempt_at: null, lease_id: null, lease_at: null, external_id: null, external_url: null, published_at: null, last_error: null, updated_at: now })
      .execute();
  }
  await t.db.transaction().execute((trx) => recordPostReach(trx, { id, opd_id: o.opdId }));
}

async function calendar(client: ApiClient, params: Record<string, string>) {
  const res = await client.get(`/api/calendar?${new URLSearchParams(params).toString()}`);
  return res;
}

async function itemsOf(client: ApiClient, params: Record<string, string>): Promise<TCalendarItem[]> {
  const res = await calendar(client, params);
  expect(res.status).toBe(200);
  return ZCalendarResponse.parse(res.body).items;
}

const keysOf = (items: TCalendarItem[]) => items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0] ?? i.id).sort();

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-calendar' });
  opdA = await buildOpd(t.db, { name: 'Dinas Kesehatan' });
  opdB = await buildOpd(t.db, { name: 'Kecamatan Tigaraksa' });
  aX = await buildAccount(t.db, t.ring, { opdId: opdA.id, handle: 'dinkes' });
  aX2 = await buildAccount(t.db, t.ring, { opdId: opdA.id, handle: 'dinkes_info' });
  bX = await buildAccount(t.db, t.ring, { opdId: opdB.id, handle: 'camat' });
  author = (await buildUser(t.db, { username: 'boss', role: 'admin' })).id;
  await buildUser(t.db, { username: 'op-a', role: 'operator', opdIds: [opdA.id] });
  await buildUser(t.db, { username: 'op-b', role: 'operator', opdIds: [opdB.id], locale: 'en' });
  admin = new ApiClient(app.url);
  operatorA = new ApiClient(app.url);
  operatorB = new ApiClient(app.url);
  expect((await admin.login('boss', PASSWORD)).status).toBe(200);
  expect((await operatorA.login('op-a', PASSWORD)).status).toBe(200);
  expect((await operatorB.login('op-b', PASSWORD)).status).toBe(200);

  await insertPost({ key: 'a-first', opdId: opdA.id, accounts: [{ id: aX.id, status: 'published' }], at: '2025-12-01T00:00:00.000Z', status: 'published' });
  await insertPost({ key: 'a-two-accounts', opdId: opdA.id, accounts: [{ id: aX.id, status: 'published' }, { id: aX2.id, status: 'failed' }], at: '2025-12-15T03:00:00.000Z', status: 'partially_published', text: `${'Pengumuman '.repeat(20)}selesai` });
  await insertPost({ key: 'a-failed', opdId: opdA.id, accounts: [{ id: aX2.id, status: 'failed' }], at: '2025-12-20T03:00:00.000Z', status: 'failed' });
  await insertPost({ key: 'a-last-moment', opdId: opdA.id, accounts: [{ id: aX.id, status: 'cancelled' }], at: '2025-12-31T23:59:59.999Z', status: 'cancelled' });
  await insertPost({ key: 'a-next-month', opdId: opdA.id, accounts: [{ id: aX.id, status: 'published' }], at: '2026-01-01T00:00:00.000Z', status: 'published' });
  await insertPost({ key: 'a-month-before', opdId: opdA.id, accounts: [{ id: aX.id, status: 'published' }], at: '2025-11-30T23:59:59.999Z', status: 'published' });
  await insertPost({ key: 'a-draft', opdId: opdA.id, accounts: [{ id: aX.id, status: 'draft' }], at: null, status: 'draft' });
  await insertPost({ key: 'b-post', opdId: opdB.id, accounts: [{ id: bX.id, status: 'published' }], at: '2025-12-10T02:00:00.000Z', status: 'published' });
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('the range', () => {
  it('when a month is asked for, then exactly the posts scheduled in [from, to) come, compact, and drafts without a time never', async () => {
    const items = await itemsOf(admin, DECEMBER);
    expect(keysOf(items)).toEqual(['a-failed', 'a-first', 'a-last-moment', 'a-two-accounts', 'b-post']);
    const two = items.find((i) => i.id === ids['a-two-accounts'])!;
    expect(two).toEqual({
      id: ids['a-two-accounts'],
      status: 'partially_published',
      scheduledAt: '2025-12-15T03:00:00.000Z',
      revision: 3,
      opdId: opdA.id,
      excerpt: `${'Pengumuman '.repeat(20)}`.slice(0, 100) + '…',
      accounts: expect.arrayContaining([
        { id: aX.id, platform: 'x', handle: 'dinkes', deliveryStatus: 'published' },
        { id: aX2.id, platform: 'x', handle: 'dinkes_info', deliveryStatus: 'failed' },
      ]),
    });
    expect(two.accounts).toHaveLength(2);
    // A short text is whole, without the mark of a cut.
    expect(items.find((i) => i.id === ids['b-post'])!.excerpt).toBe('Info b-post');
    // Compact: no full text, no credentials, no errors.
    expect(JSON.stringify(items)).not.toMatch(/"text"|credentials|lastError|tok-/);
  });

  it('when the range is given with an offset (a WIB month), then it is the same instants', async () => {
    const items = await itemsOf(admin, { from: '2025-12-01T07:00:00+07:00', to: '2025-12-15T10:00:01+07:00' });
    expect(keysOf(items)).toEqual(['a-first', 'a-two-accounts', 'b-post']);
  });

  it.each([
    ['from after to', { from: DECEMBER.to, to: DECEMBER.from }, 'to', 'Waktu akhir harus sesudah waktu awal.'],
    ['from equal to to', { from: DECEMBER.from, to: DECEMBER.from }, 'to', 'Waktu akhir harus sesudah waktu awal.'],
    ['more than 62 days', { from: '2025-12-01T00:00:00Z', to: '2026-02-01T00:00:01Z' }, 'to', 'Rentang waktu terlalu panjang (maksimal 62 hari).'],
    ['no start', { to: DECEMBER.to }, 'from', 'Wajib diisi.'],
    ['a start that is not a time', { from: 'kemarin', to: DECEMBER.to }, 'from', 'Waktu tidak valid (gunakan format ISO 8601).'],
    ['an unknown status', { ...DECEMBER, status: 'scheduled,lost' }, 'status.1', 'Nilai tidak valid.'],
  ])('when the query has %s, then it is a 400 naming the field, in the user\'s language', async (_name, params, field, message) => {
    const res = await calendar(admin, params as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field, message }));
  });

  it('when the range is exactly 62 days, then it is accepted', async () => {
    expect((await calendar(admin, { from: '2025-12-01T00:00:00Z', to: '2026-02-01T00:00:00Z' })).status).toBe(200);
  });

  it('when an English-speaking operator asks for a reversed range, then the problem is in English', async () => {
    const res = await calendar(operatorB, { from: DECEMBER.to, to: DECEMBER.from });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'to', message: 'The end must come after the start.' }));
  });

  it('when not logged in, then it is 401', async () => {
    expect((await calendar(new ApiClient(app.url), DECEMBER)).status).toBe(401);
  });
});

describe('filters', () => {
  it('when filtered by OPD, then only that OPD\'s posts come', async () => {
    expect(keysOf(await itemsOf(admin, { ...DECEMBER, opdId: opdB.id }))).toEqual(['b-post']);
  });

  it('when filtered by account, then only posts going to that account come', async () => {
    expect(keysOf(await itemsOf(admin, { ...DECEMBER, accountId: aX2.id }))).toEqual(['a-failed', 'a-two-accounts']);
  });

  it('when filtered by one status or several, then only posts in those statuses come', async () => {
    expect(keysOf(await itemsOf(admin, { ...DECEMBER, status: 'failed' }))).toEqual(['a-failed']);
    expect(keysOf(await itemsOf(admin, { ...DECEMBER, status: 'failed,cancelled' }))).toEqual(['a-failed', 'a-last-moment']);
  });

  it('when filters are combined, then a post must pass them all', async () => {
    expect(keysOf(await itemsOf(admin, { ...DECEMBER, opdId: opdA.id, accountId: aX.id, status: 'published' }))).toEqual(['a-first']);
  });
});

describe('scope', () => {
  it("when an operator of OPD B asks for the month, then none of OPD A's posts come, and the other way round", async () => {
    expect(keysOf(await itemsOf(operatorB, DECEMBER))).toEqual(['b-post']);
    expect(keysOf(await itemsOf(operatorA, DECEMBER))).toEqual(['a-failed', 'a-first', 'a-last-moment', 'a-two-accounts']);
  });

  it("when an operator of OPD B filters by OPD A or by OPD A's account, then nothing comes, as in the posts list", async () => {
    expect(await itemsOf(operatorB, { ...DECEMBER, opdId: opdA.id })).toEqual([]);
    expect(await itemsOf(operatorB, { ...DECEMBER, accountId: aX.id })).toEqual([]);
    const list = await operatorB.get(`/api/posts?from=${DECEMBER.from}&to=${DECEMBER.to}&opdId=${opdA.id}`);
    expect(list.body.items).toEqual([]);
  });
});

describe('rescheduling by dragging', () => {
  const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
  const jobTime = async (deliveryId: string, revision: number) => {
    const job = await app.queue.getJob(`publish-${deliveryId}-r${revision}`);
    return job ? { state: await job.getState(), at: job.timestamp + (job.opts.delay ?? 0) } : undefined;
  };

  async function scheduledPost(at: string) {
    const res = await operatorA.post('/api/posts', { accountIds: [aX.id], text: `Jadwal posyandu ${randomUUID().slice(0, 8)}`, scheduledAt: at });
    expect(res.status).toBe(201);
    return res.body as { id: string; revision: number; deliveries: { id: string }[] };
  }

  it('when a post is dropped on the next day with its revision, then it moves there, the revision goes up, and its queued job moves with it', async () => {
    const at = inHours(2);
    const post = await scheduledPost(at);
    const [item] = (await itemsOf(operatorA, { from: inHours(1), to: inHours(3) })).filter((i) => i.id === post.id);
    expect(item).toMatchObject({ revision: 1, scheduledAt: at, status: 'scheduled', accounts: [{ id: aX.id, deliveryStatus: 'scheduled' }] });
    const deliveryId = post.deliveries[0]!.id;
    expect(Math.abs((await jobTime(deliveryId, 1))!.at - Date.parse(at))).toBeLessThan(100);

    const moved = new Date(Date.parse(at) + 24 * 3600_000).toISOString();
    const res = await operatorA.request('PATCH', `/api/posts/${post.id}`, { scheduledAt: moved, revision: item!.revision });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ scheduledAt: moved, revision: 2, status: 'scheduled' });

    // The calendar shows it on the new day only, with the new revision for the next drag.
    expect((await itemsOf(operatorA, { from: inHours(1), to: inHours(3) })).map((i) => i.id)).not.toContain(post.id);
    const [after] = (await itemsOf(operatorA, { from: inHours(25), to: inHours(27) })).filter((i) => i.id === post.id);
    expect(after).toMatchObject({ revision: 2, scheduledAt: moved });
    // The delayed job of the new revision runs at the new time (±100 ms of clock reads between
    // the API and BullMQ); the old revision's job can no longer claim the delivery.
    const job = await jobTime(deliveryId, 2);
    expect(job?.state).toBe('delayed');
    expect(Math.abs(job!.at - Date.parse(moved))).toBeLessThan(100);
    expect(await t.db.selectFrom('delivery').select(['revision', 'scheduled_at', 'status']).where('id', '=', deliveryId).executeTakeFirstOrThrow()).toEqual({ revision: 2, scheduled_at: moved, status: 'scheduled' });
  });

  it('when the drop carries a stale revision, then it is a 409 saying someone else changed the post, and nothing moves', async () => {
    const at = inHours(5);
    const post = await scheduledPost(at);
    // Someone else edits the text meanwhile: revision 2.
    expect((await admin.request('PATCH', `/api/posts/${post.id}`, { text: 'Jadwal posyandu (diperbarui)', revision: 1 })).status).toBe(200);
    const before = {
      post: await t.db.selectFrom('post').select(['scheduled_at', 'revision', 'status', 'text']).where('id', '=', post.id).executeTakeFirstOrThrow(),
      deliveries: await t.db.selectFrom('delivery').selectAll().where('post_id', '=', post.id).execute(),
      job: await jobTime(post.deliveries[0]!.id, 2),
    };

    const res = await operatorA.request('PATCH', `/api/posts/${post.id}`, { scheduledAt: inHours(29), revision: 1 });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'conflict', title: 'Data telah diubah oleh orang lain. Muat ulang lalu coba lagi.' });
    const en = await operatorA.request('PATCH', `/api/posts/${post.id}`, { scheduledAt: inHours(29), revision: 1 }, { headers: { 'accept-language': 'en' } });
    expect(en.body.title).toBe('Someone else changed this. Reload and try again.');

    expect(await t.db.selectFrom('post').select(['scheduled_at', 'revision', 'status', 'text']).where('id', '=', post.id).executeTakeFirstOrThrow()).toEqual(before.post);
    expect(await t.db.selectFrom('delivery').selectAll().where('post_id', '=', post.id).execute()).toEqual(before.deliveries);
    expect(await jobTime(post.deliveries[0]!.id, 2)).toEqual(before.job);
    expect(await jobTime(post.deliveries[0]!.id, 3)).toBeUndefined();
    expect((await itemsOf(operatorA, { from: inHours(4), to: inHours(6) })).find((i) => i.id === post.id)).toMatchObject({ scheduledAt: at, revision: 2 });
  });

  it('when the drop lands in the past, then it is a 400 on scheduledAt with the server\'s words, and nothing moves', async () => {
    const post = await scheduledPost(inHours(7));
    const res = await operatorA.request('PATCH', `/api/posts/${post.id}`, { scheduledAt: new Date(Date.now() - 24 * 3600_000).toISOString(), revision: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'scheduledAt', message: 'Waktu jadwal sudah lewat.' }));
    expect(await t.db.selectFrom('post').select('revision').where('id', '=', post.id).executeTakeFirstOrThrow()).toEqual({ revision: 1 });
  });

  it("when an operator of OPD B drags OPD A's post, then it is a 404 and nothing moves", async () => {
    const post = await scheduledPost(inHours(9));
    const res = await operatorB.request('PATCH', `/api/posts/${post.id}`, { scheduledAt: inHours(33), revision: 1 });
    expect(res.status).toBe(404);
    expect(await t.db.selectFrom('post').select('revision').where('id', '=', post.id).executeTakeFirstOrThrow()).toEqual({ revision: 1 });
  });
});

describe('a post filed under one OPD going to accounts of several', () => {
  /** October, apart from the December fixtures: Diskominfo-style broadcast filed under OPD A, going to A's and B's accounts. */
  const OCTOBER = { from: '2025-10-01T00:00:00.000Z', to: '2025-11-01T00:00:00.000Z' };
  beforeAll(async () => {
    await insertPost({ key: 'shared', opdId: opdA.id, accounts: [{ id: aX.id, status: 'published' }, { id: bX.id, status: 'published' }], at: '2025-10-10T02:00:00.000Z', status: 'published' });
    await insertPost({ key: 'a-only-october', opdId: opdA.id, accounts: [{ id: aX.id, status: 'published' }], at: '2025-10-11T02:00:00.000Z', status: 'published' });
  });

  it("when the operator of OPD B asks for the month, then it comes with all its accounts, as in B's posts list", async () => {
    const items = await itemsOf(operatorB, OCTOBER);
    expect(keysOf(items)).toEqual(['shared']);
    expect(items[0]!.opdId).toBe(opdA.id);
    expect(items[0]!.accounts.map((a) => a.handle).sort()).toEqual(['camat', 'dinkes']);
    const list = await operatorB.get(`/api/posts?from=${OCTOBER.from}&to=${OCTOBER.to}`);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([ids['shared']]);
    expect(keysOf(await itemsOf(operatorA, OCTOBER))).toEqual(['a-only-october', 'shared']);
  });

  it('when filtered by OPD B, then it comes in the calendar and the list, for B and for an admin', async () => {
    for (const client of [operatorB, admin]) {
      expect(keysOf(await itemsOf(client, { ...OCTOBER, opdId: opdB.id }))).toEqual(['shared']);
      const list = await client.get(`/api/posts?from=${OCTOBER.from}&to=${OCTOBER.to}&opdId=${opdB.id}`);
      expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([ids['shared']]);
    }
    expect(keysOf(await itemsOf(admin, { ...OCTOBER, opdId: opdA.id }))).toEqual(['a-only-october', 'shared']);
  });

  it("when an admin schedules one post for A's and B's accounts through the API, then B's operator finds it in the calendar, the list and its page; an OPD reached by neither does not", async () => {
    const opdC = await buildOpd(t.db, { name: 'Kecamatan Cisoka' });
    await buildUser(t.db, { username: 'op-c', role: 'operator', opdIds: [opdC.id] });
    const operatorC = new ApiClient(app.url);
    expect((await operatorC.login('op-c', PASSWORD)).status).toBe(200);
    const at = new Date(Math.ceil((Date.now() + 3 * 24 * 3600_000) / 60_000) * 60_000);
    const range = { from: new Date(at.getTime() - 3600_000).toISOString(), to: new Date(at.getTime() + 3600_000).toISOString() };
    const created = await admin.post('/api/posts', { accountIds: [aX2.id, bX.id], text: `Siaran bersama ${randomUUID()}`, scheduledAt: at.toISOString() });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.opdId).toBe(opdA.id);
    const seenBy = async (client: ApiClient) => (await itemsOf(client, range)).map((i) => i.id);
    expect(await seenBy(operatorB)).toEqual([created.body.id]);
    expect(await seenBy(operatorA)).toEqual([created.body.id]);
    expect(await seenBy(operatorC)).toEqual([]);
    expect((await operatorB.get(`/api/posts/${created.body.id}`)).status).toBe(200);
    expect((await operatorC.get(`/api/posts/${created.body.id}`)).status).toBe(404);
    expect((await operatorB.get(`/api/posts?from=${range.from}&to=${range.to}`)).body.items.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
  });
});
