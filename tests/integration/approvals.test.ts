import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainAuditOutbox, enqueueDeliveries, verifyAuditChain } from '@siar/shared/node';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';
import { startXEmulator, type TXEmulator } from '../emulators/x/x-emulator';

/**
 * The approval workflow (issue #5): what an operator cannot publish without a supervisor, the
 * decisions and their races, edits that void an approval, expiry, the post's own audit trail.
 */

const root = new URL('../..', import.meta.url).pathname;
const PASSWORD = 'Test-Password-123';
const PREFIX = 'test-approvals';
const CONFLICT_TITLE = 'Data telah diubah oleh orang lain. Muat ulang lalu coba lagi.';

let t: TTestDatabase;
let app: TTestApp;
let approvalOpd: Awaited<ReturnType<typeof buildOpd>>;
let freeOpd: Awaited<ReturnType<typeof buildOpd>>;
let otherOpd: Awaited<ReturnType<typeof buildOpd>>;
let approvalX: Awaited<ReturnType<typeof buildAccount>>;
let freeX: Awaited<ReturnType<typeof buildAccount>>;
let otherX: Awaited<ReturnType<typeof buildAccount>>;
let operator: ApiClient;
let otherOperator: ApiClient;
let supervisor: ApiClient;
let supervisor2: ApiClient;
let admin: ApiClient;

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const jobId = (deliveryId: string, revision: number) => `publish-${deliveryId}-r${revision}`;
const eventsOf = async (postId: string) => {
  // Publish outcomes wait in the outbox until chained (the worker does it each second).
  await chainAuditOutbox(t.db);
  return (
    await t.db
      .selectFrom('audit_event')
      .select(['action', 'actor_id'])
      .where('entity', '=', 'post')
      .where('entity_id', '=', postId)
      .orderBy('seq')
      .execute()
  ).map((e) => e.action);
};
const deliveriesOf = (postId: string) =>
  t.db.selectFrom('delivery').select(['id', 'status', 'revision', 'scheduled_at']).where('post_id', '=', postId).execute();

async function signedIn(username: string): Promise<ApiClient> {
  const client = new ApiClient(app.url);
  expect((await client.login(username, PASSWORD)).status).toBe(200);
  return client;
}

async function submitted(text: string, accountId = approvalX.id, scheduledAt = inHours(2)) {
  const res = await operator.post('/api/posts', { accountIds: [accountId], text, scheduledAt });
  expect(res.status).toBe(201);
  expect(res.body.status).toBe('pending_approval');
  return res.body as { id: string; revision: number; deliveries: { id: string; status: string }[] };
}

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: PREFIX });
  await app.queue.obliterate({ force: true });
  approvalOpd = await buildOpd(t.db, { name: 'Dinas Kesehatan', requires_approval: 1 });
  freeOpd = await buildOpd(t.db, { name: 'Kecamatan Tigaraksa' });
  otherOpd = await buildOpd(t.db, { name: 'Dinas Pendidikan' });
  approvalX = await buildAccount(t.db, t.ring, { opdId: approvalOpd.id, handle: 'dinkes' });
  freeX = await buildAccount(t.db, t.ring, { opdId: freeOpd.id, handle: 'tigaraksa' });
  otherX = await buildAccount(t.db, t.ring, { opdId: otherOpd.id, handle: 'disdik' });
  await buildUser(t.db, { username: 'op', role: 'operator', opdIds: [approvalOpd.id, freeOpd.id] });
  await buildUser(t.db, { username: 'op-other', role: 'operator', opdIds: [otherOpd.id] });
  await buildUser(t.db, { username: 'sup', role: 'supervisor' });
  await buildUser(t.db, { username: 'sup2', role: 'supervisor' });
  await buildUser(t.db, { username: 'boss', role: 'admin' });
  operator = await signedIn('op');
  otherOperator = await signedIn('op-other');
  supervisor = await signedIn('sup');
  supervisor2 = await signedIn('sup2');
  admin = await signedIn('boss');
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('submitting a post for approval', () => {
  it('when an operator schedules a post for an OPD that requires approval, then it waits (pending_approval), its deliveries stay unqueued and nothing is in Redis', async () => {
    const post = await submitted('Jadwal imunisasi bulan ini');
    expect(post.deliveries).toEqual([expect.objectContaining({ status: 'draft' })]);
    expect(await app.queue.getJob(jobId(post.deliveries[0]!.id, 1))).toBeUndefined();
    expect(await app.queue.getJobCounts('delayed', 'wait')).toMatchObject({ delayed: 0, wait: 0 });
    expect(await eventsOf(post.id)).toEqual(['post.created', 'post.submitted']);
  });

  it('when an operator adds a post to the queue, then it is submitted too; "publish now" is refused (it would expire before anyone could approve it) and the draft stays a draft', async () => {
    await t.db
      .insertInto('queue_slot')
      .values({ id: 'slot-approval', account_id: approvalX.id, weekday: 1, time: '08:00', created_at: new Date().toISOString() })
      .execute();
    const queued = await operator.post('/api/posts', { accountIds: [approvalX.id], text: 'Masuk antrean', queue: true });
    expect(queued.status).toBe(201);
    expect(queued.body.status).toBe('pending_approval');
    expect(queued.body.scheduledAt).not.toBeNull();
    const draft = await operator.post('/api/posts', { accountIds: [approvalX.id], text: 'Masih draf', scheduledAt: null });
    expect(draft.body.status).toBe('draft');
    const now = await operator.post(`/api/posts/${draft.body.id}/publish-now`);
    expect(now.status).toBe(400);
    expect(now.body.errors).toEqual([expect.objectContaining({ field: 'scheduledAt', key: 'approval_needs_time', message: expect.stringContaining('perlu persetujuan pengawas') })]);
    expect((await operator.get(`/api/posts/${draft.body.id}`)).body).toMatchObject({ status: 'draft', revision: draft.body.revision });
    // Created "now", or for the next minute, it is refused the same way and nothing is written.
    const posts = await t.db.selectFrom('post').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const scheduledAt of [new Date().toISOString(), new Date(Date.now() + 30_000).toISOString()]) {
      const res = await operator.post('/api/posts', { accountIds: [approvalX.id], text: `Sekarang juga ${scheduledAt}`, scheduledAt });
      expect([res.status, res.body.errors?.[0]?.key]).toEqual([400, 'approval_needs_time']);
    }
    expect(await t.db.selectFrom('post').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual(posts);
    expect(await app.queue.getJobCounts('delayed', 'wait')).toMatchObject({ delayed: 0, wait: 0 });
    // A supervisor's own post needs no one else: "now" goes out as before.
    const own = await supervisor.post('/api/posts', { accountIds: [approvalX.id], text: `Langsung dari Diskominfo ${Date.now()}`, scheduledAt: new Date().toISOString() });
    expect([own.status, own.body.status]).toEqual([201, 'scheduled']);
    expect((await supervisor.post(`/api/posts/${own.body.id}/cancel`)).status).toBe(200);
  });

  it('when a supervisor or an admin schedules a post that would need approval, then it is scheduled and recorded as approved by themselves', async () => {
    for (const client of [supervisor, admin]) {
      const res = await client.post('/api/posts', {
        accountIds: [approvalX.id],
        text: `Pengumuman dari Diskominfo ${Math.random()}`,
        scheduledAt: inHours(3),
      });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('scheduled');
      expect(res.body.review).toMatchObject({ decision: 'approved', comment: null });
      expect(await app.queue.getJob(jobId(res.body.deliveries[0].id, 1))).toBeDefined();
      expect(await eventsOf(res.body.id)).toEqual(['post.created', 'post.approved']);
    }
  });

  it('when an operator schedules a post for an OPD without the policy, then it is scheduled directly', async () => {
    const res = await operator.post('/api/posts', { accountIds: [freeX.id], text: 'Car free day Minggu pagi', scheduledAt: inHours(2) });
    expect(res.body.status).toBe('scheduled');
    expect(res.body.review).toBeNull();
  });
});

describe('watch-words', () => {
  it('when a post in an OPD without the policy contains a watch-word, then the check names it and saving submits the post', async () => {
    const check = await operator.post('/api/posts/check', { accountIds: [freeX.id], text: 'Jangan sebar HOAKS, cek dulu.' });
    expect(check.status).toBe(200);
    expect(check.body.approval).toEqual({ required: true, reasons: ['watch_words'], watchWords: ['hoaks'] });
    const res = await operator.post('/api/posts', {
      accountIds: [freeX.id],
      text: 'Jangan sebar HOAKS, cek dulu.',
      scheduledAt: inHours(2),
    });
    expect(res.body.status).toBe('pending_approval');
  });

  it('when the watch-word is only in a thread part or a variant, then it still counts; a longer word containing it does not', async () => {
    const thread = await operator.post('/api/posts', {
      accountIds: [freeX.id],
      text: 'Bagian pertama',
      threadParts: ['Itu berita   bohong'],
      scheduledAt: inHours(2),
    });
    expect(thread.body.status).toBe('pending_approval');
    const variant = await operator.post('/api/posts/check', {
      accountIds: [freeX.id],
      text: 'Aman',
      variants: { [freeX.id]: { text: 'Ada provokasi' } },
    });
    expect(variant.body.approval.watchWords).toEqual(['provokasi']);
    const clean = await operator.post('/api/posts/check', { accountIds: [freeX.id], text: 'Warga pkinya rusuhnya' });
    expect(clean.body.approval).toEqual({ required: false, reasons: [], watchWords: [] });
  });

  it('when a supervisor checks such a text, then the words are named but no approval is required of them', async () => {
    const res = await supervisor.post('/api/posts/check', { accountIds: [approvalX.id], text: 'Isu kafir dan makar' });
    expect(res.body.approval).toEqual({ required: false, reasons: ['opd_policy', 'watch_words'], watchWords: ['kafir', 'makar'] });
  });

  it('when an admin adds a word, then it applies at once; a supervisor or an operator cannot manage the list', async () => {
    expect((await supervisor.get('/api/admin/watch-words')).status).toBe(403);
    expect((await operator.post('/api/admin/watch-words', { word: 'x' })).status).toBe(403);
    const list = await admin.get('/api/admin/watch-words');
    expect(list.body.items.map((w: { word: string }) => w.word)).toEqual(expect.arrayContaining(['kafir', 'hoaks', 'berita bohong']));
    const added = await admin.post('/api/admin/watch-words', { word: '  Ujaran  Kebencian ' });
    expect(added.status).toBe(201);
    expect(added.body.word).toBe('Ujaran Kebencian');
    const again = await admin.post('/api/admin/watch-words', { word: 'ujaran kebencian' });
    expect([again.status, again.body.code, again.body.errors]).toEqual([409, 'duplicate', [expect.objectContaining({ field: 'word', key: 'watch_word_taken' })]]);
    expect((await admin.post('/api/admin/watch-words', { word: '!' })).status).toBe(400);
    const check = await operator.post('/api/posts/check', { accountIds: [freeX.id], text: 'Stop ujaran kebencian' });
    expect(check.body.approval.watchWords).toEqual(['Ujaran Kebencian']);
    const renamed = await admin.request('PATCH', `/api/admin/watch-words/${added.body.id}`, { word: 'ujaran benci' });
    expect(renamed.body.word).toBe('ujaran benci');
    expect((await admin.request('DELETE', `/api/admin/watch-words/${added.body.id}`)).status).toBe(204);
    expect((await admin.request('DELETE', `/api/admin/watch-words/${added.body.id}`)).status).toBe(404);
    const actions = (await t.db.selectFrom('audit_event').select('action').where('entity', '=', 'watch_word').orderBy('seq').execute()).map(
      (e) => e.action,
    );
    expect(actions).toEqual(['watch_word.created', 'watch_word.updated', 'watch_word.deleted']);
  });
});

describe('deciding', () => {
  it('when a supervisor approves in time, then the post is scheduled with its jobs queued under the new revision', async () => {
    const post = await submitted('Posyandu Sabtu pagi');
    const res = await supervisor.post(`/api/posts/${post.id}/approve`, { revision: post.revision });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'scheduled', revision: post.revision + 1, review: { decision: 'approved', comment: null } });
    expect(res.body.deliveries[0].status).toBe('scheduled');
    const job = await app.queue.getJob(jobId(post.deliveries[0]!.id, post.revision + 1));
    expect(job?.data).toEqual({ deliveryId: post.deliveries[0]!.id, revision: post.revision + 1 });
    expect(await eventsOf(post.id)).toEqual(['post.created', 'post.submitted', 'post.approved']);
  });

  it('when a supervisor rejects, then a comment is required, and the post returns to its author as a draft with the comment', async () => {
    const post = await submitted('Teks yang perlu diperbaiki');
    for (const body of [
      { revision: post.revision },
      { revision: post.revision, comment: '   ' },
      { revision: post.revision, comment: 'x'.repeat(1001) },
    ]) {
      const refused = await supervisor.post(`/api/posts/${post.id}/reject`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('comment');
    }
    const res = await supervisor.post(`/api/posts/${post.id}/reject`, { revision: post.revision, comment: 'Sebutkan sumber datanya.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'draft', scheduledAt: null });
    const seen = await operator.get(`/api/posts/${post.id}`);
    expect(seen.body.review).toMatchObject({ decision: 'rejected', comment: 'Sebutkan sumber datanya.', reviewerName: expect.any(String) });
    expect(seen.body.deliveries[0].status).toBe('draft');
    expect(await eventsOf(post.id)).toEqual(['post.created', 'post.submitted', 'post.rejected']);
    // Fixed and submitted again: pending once more.
    const again = await operator.request('PATCH', `/api/posts/${post.id}`, {
      text: 'Teks yang diperbaiki (sumber: Dinkes)',
      scheduledAt: inHours(4),
    });
    expect(again.body.status).toBe('pending_approval');
  });

  it('when an approved post is edited, then the approval is void: pending again and its jobs removed from Redis', async () => {
    const post = await submitted('Akan diubah setelah disetujui');
    const approved = await supervisor.post(`/api/posts/${post.id}/approve`, { revision: post.revision });
    const deliveryId = post.deliveries[0]!.id;
    expect(await app.queue.getJob(jobId(deliveryId, approved.body.revision))).toBeDefined();
    const edited = await operator.request('PATCH', `/api/posts/${post.id}`, { text: 'Sudah diubah', revision: approved.body.revision });
    expect(edited.status).toBe(200);
    expect(edited.body.status).toBe('pending_approval');
    expect(edited.body.deliveries[0].status).toBe('draft');
    expect(await app.queue.getJob(jobId(deliveryId, approved.body.revision))).toBeUndefined();
    expect(await app.queue.getJob(jobId(deliveryId, edited.body.revision))).toBeUndefined();
    // A new time alone voids it too.
    const reapproved = await supervisor.post(`/api/posts/${post.id}/approve`, { revision: edited.body.revision });
    const moved = await operator.request('PATCH', `/api/posts/${post.id}`, { scheduledAt: inHours(5) });
    expect(moved.body.status).toBe('pending_approval');
    expect(await app.queue.getJob(jobId(deliveryId, reapproved.body.revision))).toBeUndefined();
    expect(await eventsOf(post.id)).toEqual([
      'post.created',
      'post.submitted',
      'post.approved',
      'post.updated',
      'post.submitted',
      'post.approved',
      'post.updated',
      'post.submitted',
    ]);
  });

  it('when two supervisors approve at once, then one wins and the other gets a translated 409 conflict; one decision is recorded', async () => {
    const post = await submitted('Dua supervisor sekaligus');
    const results = await Promise.all(
      [supervisor, supervisor2].map((c) => c.post(`/api/posts/${post.id}/approve`, { revision: post.revision })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body).toMatchObject({ code: 'conflict', title: CONFLICT_TITLE });
    expect(loser.body.errors[0].message).toMatch(/sudah diputuskan oleh supervisor lain/);
    expect(await t.db.selectFrom('review').select('id').where('post_id', '=', post.id).execute()).toHaveLength(1);
    // A late reject of the same revision is refused the same way.
    const late = await supervisor2.post(`/api/posts/${post.id}/reject`, { revision: post.revision, comment: 'Terlambat' });
    expect(late.status).toBe(409);
    expect((await operator.get(`/api/posts/${post.id}`)).body.status).toBe('scheduled');
  });

  it('when an operator tries to approve or reject, even their own post, then 403 and nothing changes', async () => {
    const post = await submitted('Coba setujui sendiri');
    expect((await operator.post(`/api/posts/${post.id}/approve`, { revision: post.revision })).status).toBe(403);
    expect((await operator.post(`/api/posts/${post.id}/reject`, { revision: post.revision, comment: 'x' })).status).toBe(403);
    expect((await operator.post('/api/posts/no-such-post/approve', { revision: 1 })).status).toBe(403);
    expect((await operator.get('/api/approvals')).status).toBe(403);
    expect((await operator.get('/api/approvals/count')).status).toBe(403);
    const after = await operator.get(`/api/posts/${post.id}`);
    expect(after.body).toMatchObject({ status: 'pending_approval', revision: post.revision, review: null });
  });

  it('when a decision names a post that does not exist, a stale revision or a post not pending, then 404, 409 or 409 and nothing is written', async () => {
    expect((await supervisor.post('/api/posts/no-such-post/approve', { revision: 1 })).status).toBe(404);
    const post = await submitted('Revisi lama');
    expect((await supervisor.post(`/api/posts/${post.id}/approve`, { revision: post.revision + 5 })).status).toBe(409);
    expect((await supervisor.post(`/api/posts/${post.id}/approve`, {})).status).toBe(400);
    const draft = await operator.post('/api/posts', { accountIds: [approvalX.id], text: 'Draf saja', scheduledAt: null });
    const refused = await supervisor.post(`/api/posts/${draft.body.id}/approve`, { revision: draft.body.revision });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('invalid_transition');
    expect(await t.db.selectFrom('review').select('id').where('post_id', 'in', [post.id, draft.body.id]).execute()).toHaveLength(0);
  });

  it('when a post is approved after its time, then it expires instead of being scheduled, and nothing is queued', async () => {
    const post = await submitted('Disetujui terlambat');
    await t.db
      .updateTable('post')
      .set({ scheduled_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', post.id)
      .execute();
    const res = await supervisor.post(`/api/posts/${post.id}/approve`, { revision: post.revision });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('expired');
    expect(res.body.deliveries[0].status).toBe('draft');
    expect(await app.queue.getJob(jobId(post.deliveries[0]!.id, res.body.revision))).toBeUndefined();
    expect(await eventsOf(post.id)).toEqual(['post.created', 'post.submitted', 'post.approved', 'post.expired']);
  });
});

describe('the approval queue', () => {
  it('lists pending posts oldest first, a page at a time, with preview data and why each needs approval', async () => {
    const first = await supervisor.get('/api/approvals?limit=2');
    expect(first.status).toBe(200);
    const all = [...first.body.items];
    let cursor = first.body.nextCursor as string | null;
    while (cursor) {
      const next = await supervisor.get(`/api/approvals?limit=2&cursor=${cursor}`);
      all.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    const pending = await t.db
      .selectFrom('post')
      .select(['id', 'created_at'])
      .where('status', '=', 'pending_approval')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(all.map((i: { post: { id: string } }) => i.post.id)).toEqual(pending.map((p) => p.id));
    const hoaks = all.find((i: { post: { text: string } }) => i.post.text.includes('HOAKS'));
    expect(hoaks).toMatchObject({
      opd: { id: freeOpd.id, name: 'Kecamatan Tigaraksa' },
      accounts: [{ id: freeX.id, handle: 'tigaraksa', platform: 'x' }],
      needs: { reasons: ['watch_words'], watchWords: ['hoaks'] },
    });
    const policy = all.find((i: { opd: { id: string } }) => i.opd.id === approvalOpd.id);
    expect(policy.needs.reasons).toEqual(['opd_policy']);
    expect(policy.post).toMatchObject({ authorName: expect.any(String), scheduledAt: expect.any(String), threadParts: [], mediaIds: [] });
    expect(policy.media).toEqual([]);
    const count = await admin.get('/api/approvals/count');
    expect(count.body).toEqual({ count: pending.length });
    const filtered = await admin.get(`/api/approvals?opdId=${freeOpd.id}`);
    expect(filtered.body.items.every((i: { post: { opdId: string } }) => i.post.opdId === freeOpd.id)).toBe(true);
    expect((await admin.get('/api/approvals?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
  });
});

describe('cancelling, rescheduling and the post history', () => {
  it('when a pending post is cancelled, then it is cancelled and leaves the queue', async () => {
    const post = await submitted('Dibatalkan saat menunggu');
    const res = await operator.post(`/api/posts/${post.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect(await eventsOf(post.id)).toEqual(['post.created', 'post.submitted', 'post.cancelled']);
  });

  it('when an expired post is rescheduled by its author, then a new time is required and it is submitted again', async () => {
    const post = await submitted('Kedaluwarsa lalu dijadwalkan ulang');
    await t.db
      .updateTable('post')
      .set({ status: 'expired', scheduled_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', post.id)
      .execute();
    const noTime = await operator.request('PATCH', `/api/posts/${post.id}`, { text: 'Teks baru' });
    expect(noTime.status).toBe(400);
    expect(noTime.body.errors[0].field).toBe('scheduledAt');
    const res = await operator.request('PATCH', `/api/posts/${post.id}`, { scheduledAt: inHours(6) });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('pending_approval');
  });

  it('answers the post history to those who can see the post, with who did what; 404 to another OPD', async () => {
    const post = await submitted('Riwayat lengkap');
    await supervisor.post(`/api/posts/${post.id}/approve`, { revision: post.revision });
    const mine = await operator.get(`/api/posts/${post.id}/history`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((e: { action: string }) => e.action)).toEqual(['post.created', 'post.submitted', 'post.approved']);
    const approvedEvent = mine.body.items[2];
    expect(approvedEvent).toMatchObject({ actorName: expect.any(String), at: expect.any(String), details: { revision: post.revision } });
    expect(mine.body.items[0].details.text).toBe('Riwayat lengkap');
    expect((await supervisor.get(`/api/posts/${post.id}/history`)).status).toBe(200);
    expect((await otherOperator.get(`/api/posts/${post.id}/history`)).status).toBe(404);
    expect((await otherOperator.get('/api/posts/no-such-post/history')).status).toBe(404);
    const theirs = await otherOperator.post('/api/posts', { accountIds: [otherX.id], text: 'Milik OPD lain', scheduledAt: inHours(1) });
    expect((await operator.get(`/api/posts/${theirs.body.id}/history`)).status).toBe(404);
  });
});

describe('publishing: an unapproved post is never published', () => {
  let emulator: TXEmulator;
  let worker: ChildProcess;
  let pendingX: Awaited<ReturnType<typeof buildAccount>>;
  let controlX: Awaited<ReturnType<typeof buildAccount>>;

  beforeAll(async () => {
    emulator = await startXEmulator({ latencyMs: 10 });
    pendingX = await buildAccount(t.db, t.ring, { opdId: approvalOpd.id, handle: 'dinkes_tunggu' });
    controlX = await buildAccount(t.db, t.ring, { opdId: freeOpd.id, handle: 'tigaraksa_bebas' });
    for (const a of [pendingX, controlX]) {
      await fetch(`${emulator.url}/_emulator/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: a.external_id, username: a.handle, name: a.handle, accessToken: a.accessToken }),
      });
    }
    await app.queue.obliterate({ force: true });
    const env = {
      DATABASE_URL: t.url,
      DATA_DIR: t.dir,
      REDIS_URL: testRedisUrl(),
      SIAR_QUEUE_PREFIX: PREFIX,
      SIAR_ENCRYPTION_KEY: t.keyText,
      X_API_BASE_URL: emulator.url,
      X_WEB_BASE_URL: 'https://x.com',
      SIAR_SWEEP_EVERY_MS: '500',
      LOG_LEVEL: 'warn',
    };
    worker = spawn(process.execPath, ['--import', 'tsx', 'worker/src/main.ts'], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  });

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
    await emulator?.close();
  });

  it('when its time passes without approval, then the X emulator receives nothing and the post expires; an approved-path post at the same time goes out', async () => {
    const at = new Date(Date.now() + 2500).toISOString();
    const stamp = Date.now();
    // Submitted with time to spare (a time in the next minute is refused), then that time comes.
    const pending = await operator.post('/api/posts', { accountIds: [pendingX.id], text: `Belum disetujui ${stamp}`, scheduledAt: inHours(1) });
    expect(pending.body.status).toBe('pending_approval');
    await t.db.updateTable('post').set({ scheduled_at: at }).where('id', '=', pending.body.id).execute();
    await t.db.updateTable('delivery').set({ scheduled_at: at }).where('post_id', '=', pending.body.id).execute();
    const control = await operator.post('/api/posts', { accountIds: [controlX.id], text: `Tanpa persetujuan ${stamp}`, scheduledAt: at });
    expect(control.body.status).toBe('scheduled');
    // Defence in depth: a stray job (and even a delivery wrongly marked scheduled) for a post
    // still pending must not be claimed by the worker.
    const stray = await operator.post('/api/posts', { accountIds: [pendingX.id], text: `Job nyasar ${stamp}`, scheduledAt: inHours(1) });
    const strayDelivery = stray.body.deliveries[0].id as string;
    await t.db.updateTable('delivery').set({ status: 'scheduled' }).where('id', '=', strayDelivery).execute();
    await enqueueDeliveries(app.queue, [{ deliveryId: strayDelivery, revision: 1, scheduledAt: new Date().toISOString() }]);

    await expect
      .poll(async () => (await operator.get(`/api/posts/${control.body.id}`)).body.status, { timeout: 30_000, interval: 250 })
      .toBe('published');
    await expect
      .poll(async () => (await operator.get(`/api/posts/${pending.body.id}`)).body.status, { timeout: 30_000, interval: 250 })
      .toBe('expired');
    await new Promise((r) => setTimeout(r, 1500));
    const tweets = (await (await fetch(`${emulator.url}/_emulator/tweets`)).json()) as { items: { text: string; username: string }[] };
    expect(tweets.items.filter((x) => x.username === 'dinkes_tunggu')).toEqual([]);
    expect(tweets.items.filter((x) => x.text === `Tanpa persetujuan ${stamp}`).map((x) => x.username)).toEqual(['tigaraksa_bebas']);
    const expired = await operator.get(`/api/posts/${pending.body.id}`);
    expect(expired.body.deliveries[0]).toMatchObject({ status: 'draft', attempt: 0, externalId: null });
    expect(await deliveriesOf(stray.body.id)).toEqual([expect.objectContaining({ status: 'scheduled' })]);
    expect((await t.db.selectFrom('delivery').select('attempt').where('id', '=', strayDelivery).executeTakeFirstOrThrow()).attempt).toBe(0);
    expect(await eventsOf(pending.body.id)).toEqual(['post.created', 'post.submitted', 'post.expired']);
    expect(await eventsOf(control.body.id)).toEqual(['post.created', 'post.published']);
    // Author and supervisors see it: the author is told, the queue no longer lists it.
    const queue = await supervisor.get('/api/approvals?limit=100');
    expect(queue.body.items.map((i: { post: { id: string } }) => i.post.id)).not.toContain(pending.body.id);
    const note = await t.db
      .selectFrom('notification')
      .innerJoin('user', 'user.id', 'notification.user_id')
      .select(['user.username', 'notification.kind'])
      .where('notification.post_id', '=', pending.body.id)
      .where('notification.kind', '=', 'post_expired')
      .execute();
    expect(note).toEqual([{ username: 'op', kind: 'post_expired' }]);
  });

  it('keeps the audit chain valid through every step (npm run audit:verify)', async () => {
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/audit-verify.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: t.url, DATA_DIR: t.dir, SIAR_ENCRYPTION_KEY: t.keyText },
    });
    expect(r.stdout).toMatch(/^OK: \d+ events/);
    expect(r.status).toBe(0);
  });
});
