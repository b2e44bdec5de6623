import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryTable } from '@siar/shared/node';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testRedisUrl, testDatabaseOptions } from '../support/test-redis';
import { claimDelivery } from '../../worker/src/libraries/deliveries.repository';

/**
 * Post and delivery transitions over HTTP (DESIGN §2–§4): edit, cancel, publish now, retry,
 * mark published, cancel one delivery. States the worker would reach are set directly in the
 * database; a refusal must leave the database and the queue exactly as they were.
 */

let t: TTestDatabase;
let app: TTestApp;
let dinkesX: Awaited<ReturnType<typeof buildAccount>>;
let dinkesX2: Awaited<ReturnType<typeof buildAccount>>;
let dinkesX3: Awaited<ReturnType<typeof buildAccount>>;
let camatX: Awaited<ReturnType<typeof buildAccount>>;
let operator: ApiClient;
let boss: ApiClient;

const PASSWORD = 'Test-Password-123';
const TITLES = {
  conflict: 'Data telah diubah oleh orang lain. Muat ulang lalu coba lagi.',
  invalid_transition: 'Tindakan ini tidak bisa dilakukan pada status saat ini.',
  not_found: 'Data tidak ditemukan.',
  validation: 'Data yang dikirim tidak valid.',
  malformed_json: 'Isi permintaan bukan JSON yang valid.',
} as const;
const PUBLISHING_NOW = 'Postingan sedang diterbitkan; tunggu hingga selesai.';

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const jobId = (deliveryId: string, revision: number) => `publish-${deliveryId}-r${revision}`;

type TRes = Awaited<ReturnType<ApiClient['request']>>;
type TPostBody = { id: string; status: string; revision: number; text: string; scheduledAt: string | null; deliveries: { id: string; accountId: string; status: string }[] };

/** Creates a post through the API (scheduled in an hour unless `scheduledAt` says otherwise). */
async function createPost(accounts: { id: string }[], o: { text?: string; scheduledAt?: string | null; client?: ApiClient } = {}): Promise<TPostBody> {
  const res = await (o.client ?? operator).post('/api/posts', { accountIds: accounts.map((a) => a.id), text: o.text ?? `Info layanan ${randomUUID().slice(0, 8)}`, scheduledAt: o.scheduledAt === undefined ? inHours(1) : o.scheduledAt });
  expect(res.status).toBe(201);
  return res.body as TPostBody;
}

/** The delivery of `post` to `account`. */
const deliveryOf = (post: TPostBody, account: { id: string }) => post.deliveries.find((d) => d.accountId === account.id)!.id;

async function setDelivery(id: string, patch: Partial<DeliveryTable>) {
  await t.db.updateTable('delivery').set(patch).where('id', '=', id).execute();
}
async function setPostStatus(id: string, status: string) {
  await t.db.updateTable('post').set({ status }).where('id', '=', id).execute();
}
const deliveryRow = (id: string) => t.db.selectFrom('delivery').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const postRow = (id: string) => t.db.selectFrom('post').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Removes the post's queued jobs, as the worker would have after running them. */
async function dropJobs(post: TPostBody) {
  for (const d of post.deliveries) await (await app.queue.getJob(jobId(d.id, post.revision)))?.remove();
}

/** Everything a refused request must leave untouched: the post, its deliveries, attempts and the queue. */
async function snapshot(postId: string) {
  const deliveries = await t.db.selectFrom('delivery').selectAll().where('post_id', '=', postId).orderBy('id').execute();
  return {
    post: await postRow(postId),
    deliveries,
    attempts: deliveries.length ? await t.db.selectFrom('delivery_attempt').selectAll().where('delivery_id', 'in', deliveries.map((d) => d.id)).orderBy('id').execute() : [],
    jobs: await app.queue.getJobCounts('delayed', 'wait', 'active', 'prioritized', 'completed', 'failed'),
  };
}

/** An RFC 9457 problem with the code, the status and the translated title. */
function expectProblem(res: TRes, status: number, code: keyof typeof TITLES) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, title: TITLES[code], type: `https://siar.local/problems/${code}` });
  expect(res.body.detail).toContain(TITLES[code]);
}

/** The problem's field errors, each with a translated (non-empty, not a bare key) message. */
function fieldErrors(res: TRes): { field: string; key: string; message: string }[] {
  const errors = res.body.errors as { field: string; key: string; message: string }[];
  expect(errors?.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.message).not.toBe(e.key);
    expect(e.message).not.toMatch(/^validation\./);
  }
  return errors;
}

/** A delayed job's due time (ms), as BullMQ will run it. */
const dueAt = (job: { timestamp: number; opts: { delay?: number } }) => job.timestamp + (job.opts.delay ?? 0);

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-post-transitions' });
  await app.queue.obliterate({ force: true });
  const dinkes = await buildOpd(t.db, { name: 'Dinas Kesehatan' });
  const camat = await buildOpd(t.db, { name: 'Kecamatan Tigaraksa' });
  dinkesX = await buildAccount(t.db, t.ring, { opdId: dinkes.id, handle: 'dinkes_a' });
  dinkesX2 = await buildAccount(t.db, t.ring, { opdId: dinkes.id, handle: 'dinkes_b' });
  dinkesX3 = await buildAccount(t.db, t.ring, { opdId: dinkes.id, handle: 'dinkes_c' });
  camatX = await buildAccount(t.db, t.ring, { opdId: camat.id, handle: 'camat' });
  await buildUser(t.db, { username: 'op', role: 'operator', opdIds: [dinkes.id] });
  await buildUser(t.db, { username: 'boss', role: 'admin' });
});
beforeEach(async () => {
  operator = new ApiClient(app.url);
  expect((await operator.login('op', PASSWORD)).status).toBe(200);
  boss = new ApiClient(app.url);
  expect((await boss.login('boss', PASSWORD)).status).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('editing a post (PATCH /api/posts/:id)', () => {
  it('when the time changes, then every delivery moves to the new revision and new jobs are queued with the new delay while old jobs stay and fail their claim', async () => {
    const post = await createPost([dinkesX, dinkesX2]);
    const [a, b] = post.deliveries.map((d) => d.id) as [string, string];
    // A transient failure earlier: the edit starts the delivery afresh.
    await setDelivery(a, { attempt: 2, next_attempt_at: inHours(0.5), last_error: JSON.stringify({ kind: 'transient', message: 'HTTP 503' }) });
    const at = inHours(2);

    const res = await operator.request('PATCH', `/api/posts/${post.id}`, { text: 'Jadwal posyandu diubah', scheduledAt: at, revision: 1 });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: post.id, status: 'scheduled', revision: 2, text: 'Jadwal posyandu diubah', scheduledAt: at });
    expect(res.body.deliveries).toHaveLength(2);
    for (const d of res.body.deliveries) expect(d).toMatchObject({ status: 'scheduled', attempt: 0, error: null, errorKind: null, nextAttemptAt: null });
    expect(await postRow(post.id)).toMatchObject({ revision: 2, scheduled_at: at, text: 'Jadwal posyandu diubah', status: 'scheduled' });
    for (const id of [a, b]) {
      expect(await deliveryRow(id)).toMatchObject({ status: 'scheduled', revision: 2, scheduled_at: at, attempt: 0, next_attempt_at: null, last_error: null });
      const job = await app.queue.getJob(jobId(id, 2));
      expect(job?.data).toEqual({ deliveryId: id, revision: 2 });
      expect(await job!.getState()).toBe('delayed');
      expect(Math.abs(dueAt(job!) - Date.parse(at))).toBeLessThan(1000);
      const old = await app.queue.getJob(jobId(id, 1));
      expect(await old?.getState()).toBe('delayed');
      expect(dueAt(old!)).toBeLessThan(Date.parse(at) - 3000_000);
    }
    // The old job, when it runs, claims nothing; the new one does.
    expect(await claimDelivery(t.db, { deliveryId: a, revision: 1, leaseId: randomUUID(), now: new Date() })).toBe(false);
    expect((await deliveryRow(a)).status).toBe('scheduled');
    expect(await claimDelivery(t.db, { deliveryId: a, revision: 2, leaseId: randomUUID(), now: new Date() })).toBe(true);
  });

  it('when only the text changes, then the time stays, the revision goes up and the new jobs keep the same due time', async () => {
    const at = inHours(3);
    const post = await createPost([dinkesX], { scheduledAt: at });
    const res = await operator.request('PATCH', `/api/posts/${post.id}`, { text: 'Teks baru' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ revision: 2, text: 'Teks baru', scheduledAt: at, status: 'scheduled' });
    const job = await app.queue.getJob(jobId(post.deliveries[0]!.id, 2));
    expect(Math.abs(dueAt(job!) - Date.parse(at))).toBeLessThan(1000);
  });

  it('when a draft is given a time, then it becomes scheduled and its jobs are queued', async () => {
    const post = await createPost([dinkesX, dinkesX2], { scheduledAt: null });
    expect(post.status).toBe('draft');
    const at = inHours(1);
    const res = await operator.request('PATCH', `/api/posts/${post.id}`, { scheduledAt: at });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'scheduled', revision: 2 });
    for (const d of post.deliveries) {
      expect(await deliveryRow(d.id)).toMatchObject({ status: 'scheduled', revision: 2, scheduled_at: at });
      expect(await app.queue.getJob(jobId(d.id, 2))).toBeTruthy();
    }
  });

  it('when a scheduled post loses its time, then it is a draft again, nothing new is queued and the old job claims nothing', async () => {
    const post = await createPost([dinkesX]);
    const d = post.deliveries[0]!.id;
    const res = await operator.request('PATCH', `/api/posts/${post.id}`, { scheduledAt: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'draft', revision: 2, scheduledAt: null });
    expect(await deliveryRow(d)).toMatchObject({ status: 'draft', revision: 2, scheduled_at: null });
    expect(await app.queue.getJob(jobId(d, 2))).toBeUndefined();
    expect(await claimDelivery(t.db, { deliveryId: d, revision: 1, leaseId: randomUUID(), now: new Date() })).toBe(false);
  });

  it('when the editor saw an older revision, then it is 409 conflict and nothing changes', async () => {
    const post = await createPost([dinkesX, dinkesX2]);
    expect((await operator.request('PATCH', `/api/posts/${post.id}`, { text: 'Edit pertama', revision: 1 })).status).toBe(200);
    const before = await snapshot(post.id);

    const res = await operator.request('PATCH', `/api/posts/${post.id}`, { text: 'Edit dari tab lama', scheduledAt: inHours(5), revision: 1 });

    expectProblem(res, 409, 'conflict');
    expect(await snapshot(post.id)).toEqual(before);
    expect((await postRow(post.id)).text).toBe('Edit pertama');
    expect(await app.queue.getJob(jobId(post.deliveries[0]!.id, 3))).toBeUndefined();
  });

  it('when a worker has just claimed one delivery (the post not yet updated), then it is 409, naming the status, and nothing changes', async () => {
    const post = await createPost([dinkesX, dinkesX2]);
    await setDelivery(deliveryOf(post, dinkesX2), { status: 'publishing', lease_id: randomUUID(), lease_at: new Date().toISOString() });
    const before = await snapshot(post.id);

    const res = await operator.request('PATCH', `/api/posts/${post.id}`, { text: 'Terlambat', scheduledAt: inHours(4), revision: 1 });

    expectProblem(res, 409, 'conflict');
    expect(fieldErrors(res)).toEqual([{ field: 'status', key: 'publishing_now', message: PUBLISHING_NOW }]);
    expect(await snapshot(post.id)).toEqual(before);
    for (const d of post.deliveries) expect(await app.queue.getJob(jobId(d.id, 2))).toBeUndefined();
  });

  it('when the post is already publishing, then it is 409 invalid_transition and nothing changes', async () => {
    const post = await createPost([dinkesX, dinkesX2]);
    await setDelivery(deliveryOf(post, dinkesX), { status: 'publishing', lease_id: randomUUID(), lease_at: new Date().toISOString() });
    await setPostStatus(post.id, 'publishing');
    const before = await snapshot(post.id);
    const res = await operator.request('PATCH', `/api/posts/${post.id}`, { text: 'Terlambat' });
    expectProblem(res, 409, 'invalid_transition');
    expect(await snapshot(post.id)).toEqual(before);
  });

  it.each([
    ['published', 'published'],
    ['cancelled', 'cancelled'],
  ])('when the post is %s, then editing is 409 invalid_transition and nothing changes', async (postStatus, deliveryStatus) => {
    const post = await createPost([dinkesX]);
    await setDelivery(post.deliveries[0]!.id, { status: deliveryStatus });
    await setPostStatus(post.id, postStatus);
    const before = await snapshot(post.id);
    const res = await operator.request('PATCH', `/api/posts/${post.id}`, { text: 'Ubah' });
    expectProblem(res, 409, 'invalid_transition');
    expect(await snapshot(post.id)).toEqual(before);
  });

  it.each([
    ['nothing to change', { revision: 1 }, '(body)', 'nothing_to_change'],
    ['a time in the past', { scheduledAt: '2020-01-01T00:00:00Z' }, 'scheduledAt', 'in_past'],
    ['a time that is not a time', { scheduledAt: 'besok pagi' }, 'scheduledAt', 'invalid_datetime'],
    ['empty text', { text: '   ' }, 'text', 'text_required'],
    ['a text too long for X', { text: 'a'.repeat(281) }, 'text', 'text_too_long_for_platform'],
  ])('when the edit has %s, then it is 400 naming the field and nothing changes', async (_name, body, field, key) => {
    const post = await createPost([dinkesX]);
    const before = await snapshot(post.id);
    const res = await operator.request('PATCH', `/api/posts/${post.id}`, body);
    expectProblem(res, 400, 'validation');
    expect(fieldErrors(res)).toContainEqual(expect.objectContaining({ field, key }));
    expect(await snapshot(post.id)).toEqual(before);
  });

  it('when the revision is not a number, then it is 400 saying the type is wrong (not that it is missing) and nothing changes', async () => {
    const post = await createPost([dinkesX]);
    const before = await snapshot(post.id);
    const res = await operator.request('PATCH', `/api/posts/${post.id}`, { text: 'x', revision: 'satu' });
    expectProblem(res, 400, 'validation');
    // The value is there, only of the wrong type: "Wajib diisi." (required) would mislead the user.
    expect(fieldErrors(res)).toEqual([{ field: 'revision', key: 'invalid_type', message: 'Jenis nilai tidak valid.' }]);
    expect(await snapshot(post.id)).toEqual(before);
  });

  it('when the edit body is malformed JSON, then it is 400 malformed_json and nothing changes', async () => {
    const post = await createPost([dinkesX]);
    const before = await snapshot(post.id);
    const res = await operator.request('PATCH', `/api/posts/${post.id}`, undefined, { raw: '{"text":"a",' });
    expectProblem(res, 400, 'malformed_json');
    expect(await snapshot(post.id)).toEqual(before);
  });
});

describe('publishing now (POST /api/posts/:id/publish-now)', () => {
  it('when a scheduled post is published now, then the revision goes up and jobs for it are waiting with no delay', async () => {
    const post = await createPost([dinkesX, dinkesX2], { scheduledAt: inHours(6) });
    const started = Date.now();
    const res = await operator.post(`/api/posts/${post.id}/publish-now`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'scheduled', revision: 2 });
    expect(Math.abs(Date.parse(res.body.scheduledAt) - started)).toBeLessThan(5000);
    for (const d of post.deliveries) {
      expect(await deliveryRow(d.id)).toMatchObject({ status: 'scheduled', revision: 2, scheduled_at: res.body.scheduledAt });
      const job = await app.queue.getJob(jobId(d.id, 2));
      expect(job?.opts.delay ?? 0).toBeLessThan(1000);
      expect(await job!.getState()).toBe('waiting');
      expect(await (await app.queue.getJob(jobId(d.id, 1)))!.getState()).toBe('delayed');
    }
  });

  it('when a draft is published now, then it is scheduled for now and queued', async () => {
    const post = await createPost([dinkesX], { scheduledAt: null });
    const res = await operator.post(`/api/posts/${post.id}/publish-now`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'scheduled', revision: 2 });
    expect(await (await app.queue.getJob(jobId(post.deliveries[0]!.id, 2)))!.getState()).toBe('waiting');
  });

  it('when one delivery is being published, then publish-now is 409 and nothing changes', async () => {
    const post = await createPost([dinkesX, dinkesX2]);
    await setDelivery(deliveryOf(post, dinkesX), { status: 'publishing', lease_id: randomUUID(), lease_at: new Date().toISOString() });
    const before = await snapshot(post.id);
    const res = await operator.post(`/api/posts/${post.id}/publish-now`);
    expectProblem(res, 409, 'conflict');
    expect(fieldErrors(res)).toContainEqual(expect.objectContaining({ field: 'status', key: 'publishing_now' }));
    expect(await snapshot(post.id)).toEqual(before);
  });

  it.each([['failed'], ['missed']])('when the post has only %s deliveries, then publish-now sends them again now at a new revision', async (deliveryStatus) => {
    const post = await createPost([dinkesX]);
    const d = post.deliveries[0]!.id;
    await setDelivery(d, { status: deliveryStatus, last_error: JSON.stringify({ kind: 'content_rejected', message: 'x' }) });
    await setPostStatus(post.id, 'failed');
    const res = await operator.post(`/api/posts/${post.id}/publish-now`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'scheduled', revision: 2 });
    expect(res.body.deliveries[0]).toMatchObject({ status: 'scheduled', attempt: 0, error: null });
    expect(await app.queue.getJob(`publish-${d}-r2`)).toBeDefined();
  });

  it('when a post has an unconfirmed delivery, then it cannot be edited until a person settles it', async () => {
    const post = await createPost([dinkesX]);
    await setDelivery(post.deliveries[0]!.id, { status: 'unconfirmed' });
    await setPostStatus(post.id, 'failed');
    const before = await snapshot(post.id);
    expectProblem(await operator.request('PATCH', `/api/posts/${post.id}`, { text: 'Ubah' }), 409, 'invalid_transition');
    expect(await snapshot(post.id)).toEqual(before);
  });
});

describe('cancelling a post (POST /api/posts/:id/cancel)', () => {
  it('when a scheduled post is cancelled, then every delivery and the post are cancelled and the queued jobs claim nothing', async () => {
    const post = await createPost([dinkesX, dinkesX2]);
    const res = await operator.post(`/api/posts/${post.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect(res.body.deliveries.map((d: { status: string }) => d.status)).toEqual(['cancelled', 'cancelled']);
    expect((await postRow(post.id)).status).toBe('cancelled');
    for (const d of post.deliveries) {
      expect(await deliveryRow(d.id)).toMatchObject({ status: 'cancelled', next_attempt_at: null });
      expect(await claimDelivery(t.db, { deliveryId: d.id, revision: 1, leaseId: randomUUID(), now: new Date() })).toBe(false);
    }
  });

  it('when a draft is cancelled, then it and its deliveries are cancelled', async () => {
    const post = await createPost([dinkesX], { scheduledAt: null });
    const res = await operator.post(`/api/posts/${post.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect((await deliveryRow(post.deliveries[0]!.id)).status).toBe('cancelled');
  });

  it('when some deliveries are out and others failed or waiting, then only those not out are cancelled and the post is partially published', async () => {
    const post = await createPost([dinkesX, dinkesX2, dinkesX3]);
    await setDelivery(deliveryOf(post, dinkesX), { status: 'published', external_id: '1111', external_url: 'https://x.com/dinkes_a/status/1111', published_at: new Date().toISOString() });
    await setDelivery(deliveryOf(post, dinkesX2), { status: 'failed', last_error: JSON.stringify({ kind: 'content_rejected', message: 'duplicate' }) });
    await setPostStatus(post.id, 'publishing');

    const res = await operator.post(`/api/posts/${post.id}/cancel`);

    expect(res.status).toBe(200);
    expect(res.body.status).toBe('partially_published');
    expect((await deliveryRow(deliveryOf(post, dinkesX))).status).toBe('published');
    expect((await deliveryRow(deliveryOf(post, dinkesX2))).status).toBe('cancelled');
    expect((await deliveryRow(deliveryOf(post, dinkesX3))).status).toBe('cancelled');
    expect((await postRow(post.id)).status).toBe('partially_published');
  });

  it.each(['unconfirmed', 'missed', 'failed'])('when the only delivery is %s, then the post is cancelled', async (status) => {
    const post = await createPost([dinkesX]);
    await setDelivery(post.deliveries[0]!.id, { status });
    await setPostStatus(post.id, 'failed');
    const res = await operator.post(`/api/posts/${post.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect((await deliveryRow(post.deliveries[0]!.id)).status).toBe('cancelled');
  });

  it('when one delivery is being published, then the cancel is 409 invalid_transition, naming the status, and nothing is cancelled', async () => {
    const post = await createPost([dinkesX, dinkesX2]);
    await setDelivery(deliveryOf(post, dinkesX), { status: 'publishing', lease_id: randomUUID(), lease_at: new Date().toISOString() });
    await setPostStatus(post.id, 'publishing');
    const before = await snapshot(post.id);

    const res = await operator.post(`/api/posts/${post.id}/cancel`);

    expectProblem(res, 409, 'invalid_transition');
    expect(fieldErrors(res)).toEqual([{ field: 'status', key: 'publishing_now', message: PUBLISHING_NOW }]);
    expect(await snapshot(post.id)).toEqual(before);
    expect((await deliveryRow(deliveryOf(post, dinkesX2))).status).toBe('scheduled');
  });

  it('when a cancelled post is retried, published-marked, edited or published now, then each is 409 invalid_transition and nothing changes', async () => {
    const post = await createPost([dinkesX]);
    const d = post.deliveries[0]!.id;
    expect((await operator.post(`/api/posts/${post.id}/cancel`)).status).toBe(200);
    const before = await snapshot(post.id);

    expectProblem(await operator.post(`/api/deliveries/${d}/retry`), 409, 'invalid_transition');
    expectProblem(await operator.post(`/api/deliveries/${d}/mark-published`, { url: 'https://x.com/dinkes_a/status/123' }), 409, 'invalid_transition');
    expectProblem(await operator.post(`/api/deliveries/${d}/cancel`), 409, 'invalid_transition');
    expectProblem(await operator.request('PATCH', `/api/posts/${post.id}`, { text: 'Hidup lagi' }), 409, 'invalid_transition');
    expectProblem(await operator.post(`/api/posts/${post.id}/publish-now`), 409, 'invalid_transition');

    expect(await snapshot(post.id)).toEqual(before);
    expect(await app.queue.getJob(jobId(d, 2))).toBeUndefined();
  });
});

describe('retrying a delivery (POST /api/deliveries/:id/retry)', () => {
  it('when a failed delivery is retried, then it is scheduled now with attempt 0 and publish-<id>-r<revision> is queued without delay', async () => {
    const post = await createPost([dinkesX]);
    const d = post.deliveries[0]!.id;
    await dropJobs(post); // the worker ran the job and failed the delivery
    await setDelivery(d, { status: 'failed', attempt: 3, lease_id: randomUUID(), lease_at: new Date().toISOString(), last_error: JSON.stringify({ kind: 'content_rejected', message: 'duplicate content' }) });
    await setPostStatus(post.id, 'failed');
    const started = Date.now();

    const res = await operator.post(`/api/deliveries/${d}/retry`);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: post.id, status: 'scheduled', revision: 1 });
    expect(res.body.deliveries[0]).toMatchObject({ id: d, status: 'scheduled', attempt: 0, error: null, errorKind: null });
    const row = await deliveryRow(d);
    expect(row).toMatchObject({ status: 'scheduled', attempt: 0, revision: 1, last_error: null, lease_id: null, lease_at: null, next_attempt_at: null });
    expect(Math.abs(Date.parse(row.scheduled_at!) - started)).toBeLessThan(5000);
    expect((await postRow(post.id)).status).toBe('scheduled');
    const job = await app.queue.getJob(jobId(d, 1));
    expect(job?.data).toEqual({ deliveryId: d, revision: 1 });
    expect(job!.opts.delay ?? 0).toBeLessThan(1000);
    expect(await job!.getState()).toBe('waiting');
    expect(await claimDelivery(t.db, { deliveryId: d, revision: 1, leaseId: randomUUID(), now: new Date() })).toBe(true);
  });

  it.each(['unconfirmed', 'missed'])('when an edited post has a %s delivery and it is retried, then the job carries the current revision', async (status) => {
    const post = await createPost([dinkesX, dinkesX2]);
    const edited = await operator.request('PATCH', `/api/posts/${post.id}`, { text: 'Versi kedua' });
    expect(edited.body.revision).toBe(2);
    await dropJobs(edited.body as TPostBody);
    const d = deliveryOf(post, dinkesX);
    await setDelivery(d, { status, attempt: 1, last_error: JSON.stringify({ kind: status === 'missed' ? 'missed' : 'ambiguous', message: '' }) });

    const res = await operator.post(`/api/deliveries/${d}/retry`);

    expect(res.status).toBe(200);
    expect(await deliveryRow(d)).toMatchObject({ status: 'scheduled', attempt: 0, revision: 2, last_error: null });
    expect((await app.queue.getJob(jobId(d, 2)))?.data).toEqual({ deliveryId: d, revision: 2 });
    // The other delivery was not touched.
    expect(await app.queue.getJob(jobId(deliveryOf(post, dinkesX2), 2))).toBeUndefined();
  });

  it.each(['draft', 'scheduled', 'publishing', 'published', 'cancelled'])('when the delivery is %s, then retry is 409 invalid_transition and nothing changes', async (status) => {
    const post = await createPost([dinkesX]);
    const d = post.deliveries[0]!.id;
    await dropJobs(post);
    await setDelivery(d, { status, attempt: 2, ...(status === 'publishing' ? { lease_id: randomUUID(), lease_at: new Date().toISOString() } : {}) });
    const before = await snapshot(post.id);

    const res = await operator.post(`/api/deliveries/${d}/retry`);

    expectProblem(res, 409, 'invalid_transition');
    expect(await snapshot(post.id)).toEqual(before);
    expect(await app.queue.getJob(jobId(d, 1))).toBeUndefined();
  });
});

describe('marking a delivery published (POST /api/deliveries/:id/mark-published)', () => {
  async function unconfirmedPost() {
    const post = await createPost([dinkesX, dinkesX2]);
    await dropJobs(post);
    for (const d of post.deliveries) await setDelivery(d.id, { status: 'unconfirmed', attempt: 1, lease_id: randomUUID(), lease_at: new Date().toISOString(), last_error: JSON.stringify({ kind: 'ambiguous', message: 'timeout' }) });
    await setPostStatus(post.id, 'failed');
    return post;
  }

  it('when each unconfirmed delivery is confirmed with its X link, then the ids and links are stored and the post becomes published when all are', async () => {
    const post = await unconfirmedPost();
    const a = deliveryOf(post, dinkesX);
    const b = deliveryOf(post, dinkesX2);

    const first = await operator.post(`/api/deliveries/${a}/mark-published`, { url: 'https://x.com/dinkes_a/status/1790000000000000001' });

    expect(first.status).toBe(200);
    expect(first.body.status).toBe('partially_published');
    expect(first.body.deliveries.find((d: { id: string }) => d.id === a)).toMatchObject({ status: 'published', externalId: '1790000000000000001', externalUrl: 'https://x.com/dinkes_a/status/1790000000000000001', errorKind: 'marked_published', error: 'Ditandai sudah terbit oleh petugas' });
    const row = await deliveryRow(a);
    expect(row).toMatchObject({ status: 'published', external_id: '1790000000000000001', external_url: 'https://x.com/dinkes_a/status/1790000000000000001', lease_id: null, lease_at: null });
    expect(row.published_at).toBeTruthy();
    expect((await postRow(post.id)).status).toBe('partially_published');

    const second = await operator.post(`/api/deliveries/${b}/mark-published`, { url: 'https://twitter.com/dinkes_b/status/42?s=20' });

    expect(second.status).toBe(200);
    expect(second.body.status).toBe('published');
    expect(await deliveryRow(b)).toMatchObject({ status: 'published', external_id: '42', external_url: 'https://twitter.com/dinkes_b/status/42?s=20' });
    expect((await postRow(post.id)).status).toBe('published');
  });

  it('when the link is not an X post link, then it is 400 naming url, with a message naming the platform, and nothing changes', async () => {
    const post = await unconfirmedPost();
    const before = await snapshot(post.id);
    const res = await operator.post(`/api/deliveries/${post.deliveries[0]!.id}/mark-published`, { url: 'https://www.instagram.com/p/Cx1/' });
    expectProblem(res, 400, 'validation');
    const errors = fieldErrors(res);
    expect(errors).toEqual([expect.objectContaining({ field: 'url', key: 'url_not_of_platform' })]);
    // The catalogue says "Tautan ini bukan tautan postingan {{platform}}.": the platform must be filled in.
    expect(errors[0]!.message).toBe('Tautan ini bukan tautan postingan X.');
    expect(await snapshot(post.id)).toEqual(before);
  });

  it.each([
    ['not a URL', { url: 'bukan tautan' }, 'invalid_url'],
    ['a URL that is not http(s)', { url: 'ftp://x.com/h/status/123' }, 'invalid_url'],
    ['no url at all', {}, 'invalid_url'],
    ['a url that is not a string', { url: 123 }, 'invalid_url'],
  ])('when the body has %s, then it is 400 naming url and nothing changes', async (_name, body, key) => {
    const post = await unconfirmedPost();
    const before = await snapshot(post.id);
    const res = await operator.post(`/api/deliveries/${post.deliveries[0]!.id}/mark-published`, body);
    expectProblem(res, 400, 'validation');
    expect(fieldErrors(res)).toEqual([expect.objectContaining({ field: 'url', key })]);
    expect(await snapshot(post.id)).toEqual(before);
  });

  it('when the body is malformed JSON, then it is 400 malformed_json and nothing changes', async () => {
    const post = await unconfirmedPost();
    const before = await snapshot(post.id);
    const res = await operator.request('POST', `/api/deliveries/${post.deliveries[0]!.id}/mark-published`, undefined, { raw: '{"url": "https://x.com/a/status/1"' });
    expectProblem(res, 400, 'malformed_json');
    expect(await snapshot(post.id)).toEqual(before);
  });

  it.each(['scheduled', 'publishing', 'failed', 'missed', 'published', 'cancelled'])('when the delivery is %s, then marking it published is 409 invalid_transition and nothing changes', async (status) => {
    const post = await createPost([dinkesX]);
    const d = post.deliveries[0]!.id;
    await setDelivery(d, { status, ...(status === 'published' ? { external_id: '77', external_url: 'https://x.com/dinkes_a/status/77', published_at: new Date().toISOString() } : {}) });
    const before = await snapshot(post.id);
    const res = await operator.post(`/api/deliveries/${d}/mark-published`, { url: 'https://x.com/dinkes_a/status/999' });
    expectProblem(res, 409, 'invalid_transition');
    expect(await snapshot(post.id)).toEqual(before);
  });
});

describe('cancelling one delivery (POST /api/deliveries/:id/cancel)', () => {
  it('when one of two scheduled deliveries is cancelled, then only it is cancelled and the post stays scheduled', async () => {
    const post = await createPost([dinkesX, dinkesX2]);
    const res = await operator.post(`/api/deliveries/${deliveryOf(post, dinkesX)}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('scheduled');
    expect((await deliveryRow(deliveryOf(post, dinkesX))).status).toBe('cancelled');
    expect((await deliveryRow(deliveryOf(post, dinkesX2))).status).toBe('scheduled');
    expect(await claimDelivery(t.db, { deliveryId: deliveryOf(post, dinkesX), revision: 1, leaseId: randomUUID(), now: new Date() })).toBe(false);
  });

  it('when the last open delivery of a failed post is cancelled, then the post is cancelled', async () => {
    const post = await createPost([dinkesX]);
    await setDelivery(post.deliveries[0]!.id, { status: 'missed', last_error: JSON.stringify({ kind: 'missed', message: '' }) });
    await setPostStatus(post.id, 'failed');
    const res = await operator.post(`/api/deliveries/${post.deliveries[0]!.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
  });

  it('when the delivery is being published, then cancelling it is 409, naming the status, and nothing changes', async () => {
    const post = await createPost([dinkesX]);
    const d = post.deliveries[0]!.id;
    await setDelivery(d, { status: 'publishing', lease_id: randomUUID(), lease_at: new Date().toISOString() });
    const before = await snapshot(post.id);
    const res = await operator.post(`/api/deliveries/${d}/cancel`);
    expectProblem(res, 409, 'invalid_transition');
    expect(fieldErrors(res)).toEqual([{ field: 'status', key: 'publishing_now', message: PUBLISHING_NOW }]);
    expect(await snapshot(post.id)).toEqual(before);
  });

  it.each(['published', 'cancelled'])('when the delivery is %s, then cancelling it is 409 invalid_transition and nothing changes', async (status) => {
    const post = await createPost([dinkesX]);
    const d = post.deliveries[0]!.id;
    await setDelivery(d, { status });
    const before = await snapshot(post.id);
    expectProblem(await operator.post(`/api/deliveries/${d}/cancel`), 409, 'invalid_transition');
    expect(await snapshot(post.id)).toEqual(before);
  });
});

describe('racing requests', () => {
  it('when two editors save the same revision at once, then exactly one wins, the other gets 409 conflict, and only the winner is queued', async () => {
    const post = await createPost([dinkesX, dinkesX2]);
    const answers = await Promise.all(['Versi A', 'Versi B'].map((text) => operator.request('PATCH', `/api/posts/${post.id}`, { text, revision: 1 })));
    const won = answers.filter((r) => r.status === 200);
    const lost = answers.filter((r) => r.status !== 200);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expectProblem(lost[0]!, 409, 'conflict');
    expect(await postRow(post.id)).toMatchObject({ revision: 2, text: won[0]!.body.text });
    for (const d of post.deliveries) {
      expect((await deliveryRow(d.id)).revision).toBe(2);
      expect(await app.queue.getJob(jobId(d.id, 3))).toBeUndefined();
    }
  });

  it('when a delivery is retried twice at once, then one retry wins and the other is 409 invalid_transition', async () => {
    const post = await createPost([dinkesX]);
    const d = post.deliveries[0]!.id;
    await dropJobs(post);
    await setDelivery(d, { status: 'failed', attempt: 2, last_error: JSON.stringify({ kind: 'transient', message: 'HTTP 500' }) });
    await setPostStatus(post.id, 'failed');
    const answers = await Promise.all([1, 2].map(() => operator.post(`/api/deliveries/${d}/retry`)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expectProblem(answers.find((r) => r.status === 409)!, 409, 'invalid_transition');
    expect(await deliveryRow(d)).toMatchObject({ status: 'scheduled', attempt: 0 });
  });

  it('when a delivery is marked published twice at once with different links, then the first link is kept and the other is 409', async () => {
    const post = await createPost([dinkesX]);
    const d = post.deliveries[0]!.id;
    await dropJobs(post);
    await setDelivery(d, { status: 'unconfirmed', last_error: JSON.stringify({ kind: 'ambiguous', message: 'timeout' }) });
    await setPostStatus(post.id, 'failed');
    const urls = ['https://x.com/dinkes_a/status/501', 'https://x.com/dinkes_a/status/502'];
    const answers = await Promise.all(urls.map((url) => operator.post(`/api/deliveries/${d}/mark-published`, { url })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = urls[answers.findIndex((r) => r.status === 200)]!;
    expect(await deliveryRow(d)).toMatchObject({ status: 'published', external_url: winner, external_id: winner.split('/').pop() });
  });

  it('when a cancel and an edit race, then whichever order they run in, nothing is left to publish', async () => {
    const post = await createPost([dinkesX, dinkesX2]);
    const [cancel, edit] = await Promise.all([operator.post(`/api/posts/${post.id}/cancel`), operator.request('PATCH', `/api/posts/${post.id}`, { text: 'Diubah sambil dibatalkan' })]);
    expect(cancel.status).toBe(200);
    expect([200, 409]).toContain(edit.status);
    expect((await postRow(post.id)).status).toBe('cancelled');
    for (const d of post.deliveries) {
      expect((await deliveryRow(d.id)).status).toBe('cancelled');
      for (const revision of [1, 2]) expect(await claimDelivery(t.db, { deliveryId: d.id, revision, leaseId: randomUUID(), now: new Date() })).toBe(false);
    }
  });
});

describe('cancelling a post with nothing left to cancel', () => {
  it('when every delivery is already published, then cancelling changes nothing', async () => {
    const post = await createPost([dinkesX]);
    await setDelivery(post.deliveries[0]!.id, { status: 'published', external_id: '88', external_url: 'https://x.com/dinkes_a/status/88', published_at: new Date().toISOString() });
    await setPostStatus(post.id, 'published');
    const before = await snapshot(post.id);
    const res = await operator.post(`/api/posts/${post.id}/cancel`);
    expect([200, 409]).toContain(res.status);
    expect(await snapshot(post.id)).toEqual(before);
  });

  it('when one delivery was cancelled on its own, then editing changes the others and the cancelled one stays cancelled', async () => {
    const post = await createPost([dinkesX, dinkesX2]);
    const cancelled = deliveryOf(post, dinkesX);
    expect((await operator.post(`/api/deliveries/${cancelled}/cancel`)).status).toBe(200);
    const res = await operator.request('PATCH', `/api/posts/${post.id}`, { text: 'Ubah yang tersisa' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ text: 'Ubah yang tersisa', revision: 2, status: 'scheduled' });
    const rows = await t.db.selectFrom('delivery').select(['id', 'status', 'revision']).where('post_id', '=', post.id).execute();
    expect(rows.find((r) => r.id === cancelled)).toMatchObject({ status: 'cancelled', revision: 1 });
    expect(rows.find((r) => r.id !== cancelled)).toMatchObject({ status: 'scheduled', revision: 2 });
    expect(await app.queue.getJob(`publish-${cancelled}-r2`)).toBeUndefined();
  });
});

describe('scope', () => {
  it("when an operator acts on another OPD's post or deliveries, then every action is 404 and nothing changes", async () => {
    const post = await createPost([camatX], { client: boss });
    const d = post.deliveries[0]!.id;
    await dropJobs(post);
    await setDelivery(d, { status: 'unconfirmed', last_error: JSON.stringify({ kind: 'ambiguous', message: 'timeout' }) });
    await setPostStatus(post.id, 'failed');
    const before = await snapshot(post.id);

    const answers = [
      await operator.get(`/api/posts/${post.id}`),
      await operator.request('PATCH', `/api/posts/${post.id}`, { text: 'Bukan milikmu' }),
      await operator.post(`/api/posts/${post.id}/cancel`),
      await operator.post(`/api/posts/${post.id}/publish-now`),
      await operator.post(`/api/deliveries/${d}/retry`),
      await operator.post(`/api/deliveries/${d}/mark-published`, { url: 'https://x.com/camat/status/5' }),
      await operator.post(`/api/deliveries/${d}/cancel`),
    ];

    for (const res of answers) expectProblem(res, 404, 'not_found');
    expect(await snapshot(post.id)).toEqual(before);
    // The same action by someone in scope succeeds: the 404 was the scope, not the state.
    expect((await boss.post(`/api/deliveries/${d}/retry`)).status).toBe(200);
  });

  it('when the ids do not exist, then every action is 404', async () => {
    const id = randomUUID();
    const answers = [
      await operator.request('PATCH', `/api/posts/${id}`, { text: 'x' }),
      await operator.post(`/api/posts/${id}/cancel`),
      await operator.post(`/api/posts/${id}/publish-now`),
      await operator.post(`/api/deliveries/${id}/retry`),
      await operator.post(`/api/deliveries/${id}/mark-published`, { url: 'https://x.com/a/status/1' }),
      await operator.post(`/api/deliveries/${id}/cancel`),
    ];
    for (const res of answers) expectProblem(res, 404, 'not_found');
  });

  it('when a transition is posted without the CSRF header, then it is 403 and nothing changes', async () => {
    const post = await createPost([dinkesX]);
    const before = await snapshot(post.id);
    const res = await operator.request('POST', `/api/posts/${post.id}/cancel`, undefined, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf');
    expect(await snapshot(post.id)).toEqual(before);
  });
});

describe('reading a post (GET /api/posts/:id)', () => {
  it('when deliveries have attempts and errors, then the post shows attempts, errorKind and nextAttemptAt per delivery', async () => {
    const post = await createPost([dinkesX, dinkesX2]);
    const a = deliveryOf(post, dinkesX);
    const b = deliveryOf(post, dinkesX2);
    const next = inHours(0.25);
    await setDelivery(a, { status: 'scheduled', attempt: 2, next_attempt_at: next, last_error: JSON.stringify({ kind: 'transient', message: 'HTTP 503' }) });
    await setDelivery(b, { status: 'failed', attempt: 1, next_attempt_at: inHours(0.5), last_error: JSON.stringify({ kind: 'content_rejected', message: 'duplicate content' }) });
    const t0 = Date.now() - 600_000;
    const iso = (ms: number) => new Date(t0 + ms).toISOString();
    // Inserted out of order: the answer lists them by start time.
    await t.db
      .insertInto('delivery_attempt')
      .values([
        { id: randomUUID(), delivery_id: a, number: 2, kind: 'publish', started_at: iso(60_000), ended_at: iso(61_000), outcome: 'retry', error_kind: 'transient', http_status: 503, excerpt: 'Service Unavailable' },
        { id: randomUUID(), delivery_id: a, number: 1, kind: 'publish', started_at: iso(0), ended_at: iso(1_000), outcome: 'ambiguous', error_kind: 'ambiguous', http_status: null, excerpt: null },
        { id: randomUUID(), delivery_id: a, number: 1, kind: 'read_back', started_at: iso(30_000), ended_at: null, outcome: 'absent', error_kind: null, http_status: 200, excerpt: null },
        { id: randomUUID(), delivery_id: b, number: 1, kind: 'publish', started_at: iso(5_000), ended_at: iso(6_000), outcome: 'failed', error_kind: 'content_rejected', http_status: 403, excerpt: 'duplicate content' },
      ])
      .execute();

    const res = await operator.get(`/api/posts/${post.id}`);

    expect(res.status).toBe(200);
    const dlvA = res.body.deliveries.find((d: { id: string }) => d.id === a);
    const dlvB = res.body.deliveries.find((d: { id: string }) => d.id === b);
    expect(dlvA).toMatchObject({ status: 'scheduled', attempt: 2, nextAttemptAt: next, errorKind: 'transient', error: 'Gangguan sementara pada platform: HTTP 503' });
    expect(dlvA.attempts).toEqual([
      { number: 1, kind: 'publish', startedAt: iso(0), endedAt: iso(1_000), outcome: 'ambiguous', errorKind: 'ambiguous', httpStatus: null, excerpt: null },
      { number: 1, kind: 'read_back', startedAt: iso(30_000), endedAt: null, outcome: 'absent', errorKind: null, httpStatus: 200, excerpt: null },
      { number: 2, kind: 'publish', startedAt: iso(60_000), endedAt: iso(61_000), outcome: 'retry', errorKind: 'transient', httpStatus: 503, excerpt: 'Service Unavailable' },
    ]);
    // A delivery that is not waiting for another try shows no next attempt.
    expect(dlvB).toMatchObject({ status: 'failed', attempt: 1, nextAttemptAt: null, errorKind: 'content_rejected', error: 'Ditolak oleh platform: duplicate content' });
    expect(dlvB.attempts).toEqual([{ number: 1, kind: 'publish', startedAt: iso(5_000), endedAt: iso(6_000), outcome: 'failed', errorKind: 'content_rejected', httpStatus: 403, excerpt: 'duplicate content' }]);

    // The list answer stays light: no attempts there.
    const list = await operator.get('/api/posts?limit=500');
    const listed = list.body.items.find((p: { id: string }) => p.id === post.id);
    expect(listed.deliveries.find((d: { id: string }) => d.id === a)).toMatchObject({ errorKind: 'transient', nextAttemptAt: next });
    for (const d of listed.deliveries) expect(d).not.toHaveProperty('attempts');
  });

  it('when a delivery has no attempts and no error, then attempts is empty and errorKind, error and nextAttemptAt are null', async () => {
    const post = await createPost([dinkesX]);
    const res = await operator.get(`/api/posts/${post.id}`);
    expect(res.body.deliveries[0]).toMatchObject({ attempts: [], errorKind: null, error: null, nextAttemptAt: null, attempt: 0 });
  });
});
