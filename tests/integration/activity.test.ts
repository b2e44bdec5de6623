import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZActivityDeliveriesResponse, ZActivityResponse, activityMonthRange, type TActivityResponse } from '@siar/shared';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

/**
 * GET /api/activity, /api/activity.csv and /api/activity/deliveries (issue #7): the numbers of a
 * seeded past month equal the ones worked out by hand below, including the WIB month edges.
 */

let t: TTestDatabase;
let app: TTestApp;
let opdA: Awaited<ReturnType<typeof buildOpd>>;
let opdB: Awaited<ReturnType<typeof buildOpd>>;
let aX: Awaited<ReturnType<typeof buildAccount>>;
let aY: Awaited<ReturnType<typeof buildAccount>>;
let bX: Awaited<ReturnType<typeof buildAccount>>;
let supervisor: ApiClient;
let operatorA: ApiClient;
let author: string;
let reviewer: string;
let seq = 1000;

const PASSWORD = 'Test-Password-123';
/** October 2026 in WIB: 2026-09-30T17:00Z … 2026-10-31T17:00Z. */
const OCTOBER = activityMonthRange('2026-10');
const NOVEMBER = activityMonthRange('2026-11');

async function insertPost(o: { opdId: string; createdAt?: string; deliveries: { accountId: string; status: string; at: string; url?: string; error?: { kind: string; message: string } }[] }) {
  const id = randomUUID();
  const createdAt = o.createdAt ?? o.deliveries[0]!.at;
  await t.db.insertInto('post').values({ id, opd_id: o.opdId, author_id: author, status: o.deliveries[0]!.status, scheduled_at: o.deliveries[0]!.at, text: `Info ${id}`, media_ids: '[]', revision: 1, created_at: createdAt, updated_at: createdAt }).execute();
  for (const d of o.deliveries) {
    await t.db
      .insertInto('delivery')
      .values({
        id: randomUUID(),
        post_id: id,
        account_id: d.accountId,
        text_override: null,
        status: d.status,
        revision: 1,
        scheduled_at: d.at,
        attempt: 1,
        next_attempt_at: null,
        lease_id: null,
        lease_at: null,
        external_id: d.status === 'published' ? `ext-${id}` : null,
        external_url: d.status === 'published' ? (d.url ?? `https://x.com/i/status/${id}`) : null,
        published_at: d.status === 'published' ? d.at : null,
        last_error: d.error ? JSON.stringify(d.error) : null,
        updated_at: d.at,
      })
      .execute();
  }
  return id;
}

async function review(postId: string, decision: 'approved' | 'rejected', at: string) {
  await t.db.insertInto('review').values({ id: randomUUID(), post_id: postId, reviewer_id: reviewer, decision, comment: null, created_at: at }).execute();
}

async function submittedEvent(postId: string, opdId: string, at: string) {
  seq += 1;
  await t.db.insertInto('audit_event').values({ seq, at, actor_id: author, action: 'post.submitted', entity: 'post', entity_id: postId, opd_id: opdId, details: '{}', prev_hash: 'x', hash: `h${seq}` }).execute();
}

async function overview(client: ApiClient, range: { from: string; to: string }, opdId?: string): Promise<TActivityResponse> {
  const res = await client.get(`/api/activity?${new URLSearchParams({ ...range, ...(opdId ? { opdId } : {}) }).toString()}`);
  expect(res.status).toBe(200);
  return ZActivityResponse.parse(res.body);
}

const failure = { kind: 'content_rejected', message: 'Duplicate content' };

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-activity' });
  opdA = await buildOpd(t.db, { name: 'Dinas Kesehatan', code: 'DINKES', requires_approval: 1 });
  opdB = await buildOpd(t.db, { name: 'Kecamatan Tigaraksa', code: '=CMD()' });
  await t.db.updateTable('opd').set({ weekly_target: 2 }).where('id', '=', opdA.id).execute();
  aX = await buildAccount(t.db, t.ring, { opdId: opdA.id, handle: 'dinkes' });
  aY = await buildAccount(t.db, t.ring, { opdId: opdA.id, handle: 'dinkes_info', status: 'needs_reconnect' });
  bX = await buildAccount(t.db, t.ring, { opdId: opdB.id, handle: 'camat' });
  reviewer = (await buildUser(t.db, { username: 'kominfo', role: 'supervisor' })).id;
  author = (await buildUser(t.db, { username: 'op-a', role: 'operator', opdIds: [opdA.id] })).id;
  supervisor = new ApiClient(app.url);
  operatorA = new ApiClient(app.url);
  expect((await supervisor.login('kominfo', PASSWORD)).status).toBe(200);
  expect((await operatorA.login('op-a', PASSWORD)).status).toBe(200);

  // 00:30 WIB on 1 October (still 30 September in UTC), on both accounts: counts in October.
  const p1 = await insertPost({ opdId: opdA.id, deliveries: [{ accountId: aX.id, status: 'published', at: '2026-09-30T17:30:00.000Z' }, { accountId: aY.id, status: 'published', at: '2026-09-30T17:30:00.000Z' }] });
  await review(p1, 'approved', '2026-09-30T10:00:00.000Z'); // decided in September: not October's turnaround
  // 23:30 WIB on 31 October: October. First decision (a rejection) 120 min after creation.
  const p2 = await insertPost({ opdId: opdA.id, createdAt: '2026-10-30T00:00:00.000Z', deliveries: [{ accountId: aX.id, status: 'published', at: '2026-10-31T16:30:00.000Z', url: 'https://x.com/dinkes/status/2' }] });
  await review(p2, 'rejected', '2026-10-30T02:00:00.000Z');
  await review(p2, 'approved', '2026-10-30T03:00:00.000Z');
  // 00:30 WIB on 1 November: November.
  await insertPost({ opdId: opdA.id, deliveries: [{ accountId: aX.id, status: 'published', at: '2026-10-31T17:30:00.000Z' }] });
  // 23:30 WIB on 30 September: September.
  await insertPost({ opdId: opdA.id, deliveries: [{ accountId: aX.id, status: 'published', at: '2026-09-30T16:30:00.000Z' }] });
  // Mid-October: submitted 1 h after creation, approved 30 min after submission.
  const p5 = await insertPost({ opdId: opdA.id, createdAt: '2026-10-13T00:00:00.000Z', deliveries: [{ accountId: aX.id, status: 'published', at: '2026-10-14T03:00:00.000Z' }] });
  await submittedEvent(p5, opdA.id, '2026-10-13T01:00:00.000Z');
  await review(p5, 'approved', '2026-10-13T01:30:00.000Z');
  // A supervisor's own post, approved by themselves at once: not a turnaround.
  const own = await insertPost({ opdId: opdA.id, createdAt: '2026-10-20T00:00:00.000Z', deliveries: [{ accountId: aX.id, status: 'cancelled', at: '2026-10-21T03:00:00.000Z' }] });
  await t.db.updateTable('post').set({ author_id: reviewer }).where('id', '=', own).execute();
  await review(own, 'approved', '2026-10-20T00:00:00.000Z');
  // Three failures of the second account in October.
  for (const day of ['05', '06', '07']) await insertPost({ opdId: opdA.id, deliveries: [{ accountId: aY.id, status: day === '06' ? 'unconfirmed' : 'failed', at: `2026-10-${day}T03:00:00.000Z`, error: failure }] });
  // Scheduled far ahead.
  await insertPost({ opdId: opdA.id, deliveries: [{ accountId: aX.id, status: 'scheduled', at: '2099-01-10T03:00:00.000Z' }] });
  // OPD B: last published in August; two failures in September and one in October.
  await insertPost({ opdId: opdB.id, deliveries: [{ accountId: bX.id, status: 'published', at: '2026-08-01T03:00:00.000Z' }] });
  for (const at of ['2026-09-20T03:00:00.000Z', '2026-09-21T03:00:00.000Z', '2026-10-03T03:00:00.000Z']) await insertPost({ opdId: opdB.id, deliveries: [{ accountId: bX.id, status: 'failed', at, error: failure }] });
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('activity overview', () => {
  it('when a supervisor reads October, then every count equals the hand-computed one (WIB month edges included)', async () => {
    const body = await overview(supervisor, OCTOBER);
    expect(body.from).toBe('2026-09-30T17:00:00.000Z');
    expect(body.to).toBe('2026-10-31T17:00:00.000Z');
    expect(body.inactiveDays).toBe(7);
    expect(body.opds.map((o) => o.name)).toEqual(['Dinas Kesehatan', 'Kecamatan Tigaraksa']);
    const [a, b] = body.opds;

    // Posts: p1 (on two accounts, once), p2, p5; not the 00:30 WIB 1 November nor the 23:30 WIB 30 September.
    expect(a).toMatchObject({ published: 3, scheduledAhead: 1, failed: 3, weeklyTarget: 2, requiresApproval: true, lastPublishedAt: '2026-10-31T16:30:00.000Z', lastPublishedAgeDays: 0 });
    // First decisions in October: p2 after 120 min (from creation), p5 after 30 min (from submission).
    expect(a!.medianApprovalMinutes).toBe(75);
    expect(a!.flags).toEqual({ inactive: false, repeatedFailures: true, needsReconnect: true });
    // ISO weeks (WIB) overlapping October, counted whole: 28 Sep (p4 23:30 WIB 30 Sep + p1), 12 Oct (p5), 26 Oct (p2 + p3).
    expect(a!.weeks).toEqual([
      { start: '2026-09-28', published: 2, met: true, complete: true },
      { start: '2026-10-05', published: 0, met: false, complete: true },
      { start: '2026-10-12', published: 1, met: false, complete: true },
      { start: '2026-10-19', published: 0, met: false, complete: true },
      { start: '2026-10-26', published: 2, met: true, complete: true },
    ]);
    expect(a!.targetMet).toBe(false);

    const [x, y] = a!.accounts;
    expect(x).toMatchObject({ handle: 'dinkes', published: 3, scheduledAhead: 1, failed: 0, lastPublishedAgeDays: 0, medianApprovalMinutes: 75, status: 'active' });
    expect(x!.flags).toEqual({ inactive: false, repeatedFailures: false, needsReconnect: false });
    // Last published 00:30 WIB 1 Oct; 30 days 23.5 h before the period's end.
    expect(y).toMatchObject({ handle: 'dinkes_info', published: 1, scheduledAhead: 0, failed: 3, lastPublishedAt: '2026-09-30T17:30:00.000Z', lastPublishedAgeDays: 30, medianApprovalMinutes: null, status: 'needs_reconnect' });
    expect(y!.flags).toEqual({ inactive: true, repeatedFailures: true, needsReconnect: true });

    // One failure in October, but its last three finished deliveries all failed; quiet since August.
    expect(b).toMatchObject({ published: 0, failed: 1, weeklyTarget: 0, targetMet: null, lastPublishedAt: '2026-08-01T03:00:00.000Z', lastPublishedAgeDays: 91, medianApprovalMinutes: null });
    expect(b!.accounts[0]!.flags).toEqual({ inactive: true, repeatedFailures: true, needsReconnect: false });
    expect(b!.flags.inactive).toBe(true);
  });

  it('when November is read, then the post at 00:30 WIB on 1 November counts there', async () => {
    const body = await overview(supervisor, NOVEMBER, opdA.id);
    expect(body.opds).toHaveLength(1);
    expect(body.opds[0]!.published).toBe(1);
    expect(body.opds[0]!.accounts.find((acc) => acc.id === aX.id)!.published).toBe(1);
    expect(body.opds[0]!.accounts.find((acc) => acc.id === aY.id)!.published).toBe(0);
  });

  it('when the period is reversed, longer than a year or missing, then a translated 400 changes nothing', async () => {
    const reversed = await supervisor.get(`/api/activity?from=${OCTOBER.to}&to=${OCTOBER.from}`);
    expect(reversed.status).toBe(400);
    const long = await supervisor.get('/api/activity?from=2025-01-01T00:00:00Z&to=2026-02-01T00:00:00Z');
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([expect.objectContaining({ field: 'to', message: 'Periode terlalu panjang (maksimal 1 tahun).' })]);
    expect((await supervisor.get('/api/activity.csv?from=2026-10-01')).status).toBe(400);
    expect((await supervisor.get('/api/activity/deliveries?from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z&outcome=all')).status).toBe(400);
  });
});

describe('drill-down', () => {
  it("when an account's failures are asked for, then each comes with its reason, latest first", async () => {
    const res = await supervisor.get(`/api/activity/deliveries?${new URLSearchParams({ ...OCTOBER, accountId: aY.id, outcome: 'failed' }).toString()}`);
    expect(res.status).toBe(200);
    const { items } = ZActivityDeliveriesResponse.parse(res.body);
    expect(items.map((i) => i.scheduledAt)).toEqual(['2026-10-07T03:00:00.000Z', '2026-10-06T03:00:00.000Z', '2026-10-05T03:00:00.000Z']);
    expect(items.map((i) => i.status)).toEqual(['failed', 'unconfirmed', 'failed']);
    expect(items[0]!.error).toMatchObject({ kind: 'content_rejected', message: 'Duplicate content' });
    expect(items[0]!.error!.label).not.toBe('');
  });

  it('when an OPD\'s published posts are asked for, then they come newest first with their links', async () => {
    const res = await supervisor.get(`/api/activity/deliveries?${new URLSearchParams({ ...OCTOBER, opdId: opdA.id, outcome: 'published' }).toString()}`);
    const { items } = ZActivityDeliveriesResponse.parse(res.body);
    expect(items.map((i) => i.publishedAt)).toEqual(['2026-10-31T16:30:00.000Z', '2026-10-14T03:00:00.000Z', '2026-09-30T17:30:00.000Z', '2026-09-30T17:30:00.000Z']);
    expect(items[0]).toMatchObject({ externalUrl: 'https://x.com/dinkes/status/2', opdName: 'Dinas Kesehatan', handle: 'dinkes' });
  });
});

describe('operators', () => {
  it('when an operator reads the overview, then only their OPD is in it', async () => {
    const body = await overview(operatorA, OCTOBER);
    expect(body.opds.map((o) => o.id)).toEqual([opdA.id]);
    const csv = await operatorA.get(`/api/activity.csv?${new URLSearchParams(OCTOBER).toString()}`);
    expect(csv.status).toBe(200);
    expect(String(csv.body)).not.toContain('camat');
  });

  it("when an operator names another OPD or its account through any endpoint, then 404", async () => {
    const q = (extra: Record<string, string>) => new URLSearchParams({ ...OCTOBER, ...extra }).toString();
    expect((await operatorA.get(`/api/activity?${q({ opdId: opdB.id })}`)).status).toBe(404);
    expect((await operatorA.get(`/api/activity.csv?${q({ opdId: opdB.id })}`)).status).toBe(404);
    expect((await operatorA.get(`/api/activity/deliveries?${q({ opdId: opdB.id, outcome: 'failed' })}`)).status).toBe(404);
    expect((await operatorA.get(`/api/activity/deliveries?${q({ accountId: bX.id, outcome: 'failed' })}`)).status).toBe(404);
    expect((await operatorA.get(`/api/activity/deliveries?${q({ accountId: bX.id, opdId: opdA.id, outcome: 'published' })}`)).status).toBe(404);
    // An unknown OPD reads the same as a foreign one.
    expect((await supervisor.get(`/api/activity?${q({ opdId: randomUUID() })}`)).status).toBe(404);
  });
});

describe('CSV', () => {
  it('when the CSV is downloaded, then it holds the JSON numbers, one row per account, formulas defused', async () => {
    const body = await overview(supervisor, OCTOBER);
    const res = await supervisor.get(`/api/activity.csv?${new URLSearchParams(OCTOBER).toString()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    // Named by the WIB month (its start is the 30th at 17:00 UTC), not by the UTC date.
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="siar-aktivitas-2026-10-01_2026-10-31.csv"');
    const lines = String(res.body).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 9)).toEqual(['Kode OPD', 'Nama OPD', 'Platform', 'Akun', 'Nama akun', 'Status akun', 'Terbit', 'Terjadwal ke depan', 'Gagal/tidak terkonfirmasi']);
    const rows = lines.slice(1).map((l) => l.split(','));
    const accounts = body.opds.flatMap((o) => o.accounts.map((a) => ({ o, a })));
    expect(rows).toHaveLength(accounts.length);
    for (const [i, { o, a }] of accounts.entries()) {
      const row = rows[i]!;
      expect(row[3]).toBe(a.handle);
      // Platform and status as a reader says them, like the ya/tidak columns.
      expect([row[2], row[5]]).toEqual([{ x: 'X', facebook: 'Facebook', instagram: 'Instagram' }[a.platform], { active: 'aktif', needs_reconnect: 'perlu dihubungkan ulang', disabled: 'nonaktif' }[a.status]]);
      expect(row.slice(6, 9).map(Number)).toEqual([a.published, a.scheduledAhead, a.failed]);
      expect(row[9]).toBe(a.lastPublishedAt ?? '');
      expect(row[11]).toBe(String(a.lastPublishedAgeDays ?? ''));
      expect(row.slice(15)).toEqual([a.flags.inactive, a.flags.repeatedFailures, a.flags.needsReconnect].map((f) => (f ? 'ya' : 'tidak')));
      expect(row[0]).toBe(o.code === '=CMD()' ? "'=CMD()" : o.code);
    }
    expect(rows[0]![10]).toBe('2026-10-31 23:30 WIB');
  });
});
