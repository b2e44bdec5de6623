import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

const WIB_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;
const PASSWORD = 'Test-Password-123';

interface TSlot {
  weekday: number;
  time: string;
}

let t: TTestDatabase;
let app: TTestApp;
let opdA: Awaited<ReturnType<typeof buildOpd>>;
let opdB: Awaited<ReturnType<typeof buildOpd>>;
let operatorA: ApiClient;
let operatorB: ApiClient;

/**
 * Two daily times at least two hours away from now in WIB (UTC+7, no DST), so a test never
 * races a slot crossing the "now + 1 minute" line while it runs.
 */
const wibHour = (Math.floor((Date.now() + WIB_MS) / 3600_000) + 3) % 24;
const h1 = `${String(wibHour).padStart(2, '0')}:00`;
const h2 = `${String((wibHour + 6) % 24).padStart(2, '0')}:00`;
const everyDay = (time: string): TSlot[] => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, time }));

/** The slot instants after now + 1 minute, in order: plain fixed-offset arithmetic, independent of the server's code. */
function expectedInstants(slots: TSlot[], count: number, fromMs = Date.now()): string[] {
  const wibMidnight = Math.floor((fromMs + WIB_MS) / DAY_MS) * DAY_MS;
  const all: number[] = [];
  for (let d = 0; d < 60; d++) {
    const day = wibMidnight + d * DAY_MS;
    const weekday = new Date(day).getUTCDay() || 7;
    for (const s of slots.filter((x) => x.weekday === weekday)) {
      const [hh, mm] = s.time.split(':').map(Number);
      all.push(day + hh! * 3600_000 + mm! * 60_000 - WIB_MS);
    }
  }
  return all
    .filter((ms) => ms > fromMs + 60_000)
    .sort((a, b) => a - b)
    .slice(0, count)
    .map((ms) => new Date(ms).toISOString());
}

const counts = async () => ({
  posts: Number(
    (
      await t.db
        .selectFrom('post')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  deliveries: Number(
    (
      await t.db
        .selectFrom('delivery')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});
const slotRows = (accountId: string) =>
  t.db
    .selectFrom('queue_slot')
    .select(['weekday', 'time'])
    .where('account_id', '=', accountId)
    .orderBy('weekday')
    .orderBy('time')
    .execute();

async function accountWithSlots(slots: TSlot[], handle?: string) {
  const account = await buildAccount(t.db, t.ring, { opdId: opdA.id, ...(handle ? { handle } : {}) });
  if (slots.length) expect((await operatorA.request('PUT', `/api/accounts/${account.id}/queue-slots`, { slots })).status).toBe(200);
  return account;
}

const addToQueue = (client: ApiClient, accountIds: string[], text: string) =>
  client.post('/api/posts', { accountIds, text, scheduledAt: null, queue: true });

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-queue' });
  opdA = await buildOpd(t.db, { name: 'Dinas Kesehatan' });
  opdB = await buildOpd(t.db, { name: 'Kecamatan Tigaraksa' });
  await buildUser(t.db, { username: 'op-a', role: 'operator', opdIds: [opdA.id] });
  await buildUser(t.db, { username: 'op-b', role: 'operator', opdIds: [opdB.id] });
  await buildUser(t.db, { username: 'super', role: 'supervisor' });
  await buildUser(t.db, { username: 'op-en', role: 'operator', opdIds: [opdA.id], locale: 'en' });
});
beforeEach(async () => {
  operatorA = new ApiClient(app.url);
  expect((await operatorA.login('op-a', PASSWORD)).status).toBe(200);
  operatorB = new ApiClient(app.url);
  expect((await operatorB.login('op-b', PASSWORD)).status).toBe(200);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('queue slots', () => {
  it('when an operator saves weekly times, then they replace the set and come back sorted in WIB', async () => {
    const account = await buildAccount(t.db, t.ring, { opdId: opdA.id });
    expect((await operatorA.get(`/api/accounts/${account.id}/queue-slots`)).body).toEqual({
      accountId: account.id,
      timezone: 'Asia/Jakarta',
      slots: [],
    });

    const put = await operatorA.request('PUT', `/api/accounts/${account.id}/queue-slots`, {
      slots: [
        { weekday: 5, time: '19:00' },
        { weekday: 1, time: '12:00' },
        { weekday: 1, time: '08:00' },
      ],
    });
    expect(put.status).toBe(200);
    const sorted = [
      { weekday: 1, time: '08:00' },
      { weekday: 1, time: '12:00' },
      { weekday: 5, time: '19:00' },
    ];
    expect(put.body).toEqual({ accountId: account.id, timezone: 'Asia/Jakarta', slots: sorted });
    expect((await operatorA.get(`/api/accounts/${account.id}/queue-slots`)).body.slots).toEqual(sorted);

    expect(
      (await operatorA.request('PUT', `/api/accounts/${account.id}/queue-slots`, { slots: [{ weekday: 7, time: '06:30' }] })).body.slots,
    ).toEqual([{ weekday: 7, time: '06:30' }]);
    expect(await slotRows(account.id)).toEqual([{ weekday: 7, time: '06:30' }]);
    expect((await operatorA.request('PUT', `/api/accounts/${account.id}/queue-slots`, { slots: [] })).body.slots).toEqual([]);
    expect(await slotRows(account.id)).toEqual([]);
  });

  it.each([
    ['a weekday of 0', { slots: [{ weekday: 0, time: '08:00' }] }, 'slots.0.weekday', 'invalid_weekday'],
    ['a weekday of 8', { slots: [{ weekday: 8, time: '08:00' }] }, 'slots.0.weekday', 'invalid_weekday'],
    ['a weekday as text', { slots: [{ weekday: '1', time: '08:00' }] }, 'slots.0.weekday', 'invalid_weekday'],
    ['the time 24:00', { slots: [{ weekday: 1, time: '24:00' }] }, 'slots.0.time', 'invalid_time'],
    ['the time 8:00', { slots: [{ weekday: 1, time: '8:00' }] }, 'slots.0.time', 'invalid_time'],
    ['the time 12:60', { slots: [{ weekday: 1, time: '12:60' }] }, 'slots.0.time', 'invalid_time'],
    [
      'the same day and time twice',
      {
        slots: [
          { weekday: 2, time: '08:00' },
          { weekday: 3, time: '08:00' },
          { weekday: 2, time: '08:00' },
        ],
      },
      'slots.2',
      'duplicate_slot',
    ],
    [
      '51 times',
      { slots: Array.from({ length: 51 }, (_, i) => ({ weekday: (i % 7) + 1, time: `${String(Math.floor(i / 7)).padStart(2, '0')}:00` })) },
      'slots',
      'too_many_slots',
    ],
    ['no slots field', {}, 'slots', 'required'],
  ])(
    'when the set has %s, then it is a translated 400 naming the field and the saved set is unchanged',
    async (_name, body, field, key) => {
      const account = await accountWithSlots([{ weekday: 1, time: '08:00' }]);
      const res = await operatorA.request('PUT', `/api/accounts/${account.id}/queue-slots`, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation');
      const error = res.body.errors.find((e: { field: string }) => e.field === field);
      expect(error).toMatchObject({ key });
      expect(error.message.length).toBeGreaterThan(3);
      expect(error.message).not.toBe(key);
      expect(await slotRows(account.id)).toEqual([{ weekday: 1, time: '08:00' }]);
    },
  );

  it('when 50 times are saved, then all are kept (the limit is inclusive)', async () => {
    const slots = Array.from({ length: 50 }, (_, i) => ({
      weekday: (i % 7) + 1,
      time: `${String(Math.floor(i / 7)).padStart(2, '0')}:15`,
    }));
    const account = await accountWithSlots(slots);
    expect(await slotRows(account.id)).toHaveLength(50);
  });

  it("when an operator of OPD B reads or writes OPD A's account, then it is 404 and nothing changes", async () => {
    const account = await accountWithSlots([{ weekday: 1, time: '08:00' }]);
    expect((await operatorB.get(`/api/accounts/${account.id}/queue-slots`)).status).toBe(404);
    expect((await operatorB.request('PUT', `/api/accounts/${account.id}/queue-slots`, { slots: [] })).status).toBe(404);
    expect((await operatorB.get('/api/accounts/no-such-account/queue-slots')).status).toBe(404);
    expect(await slotRows(account.id)).toEqual([{ weekday: 1, time: '08:00' }]);
    expect((await operatorB.get(`/api/queue?accountId=${account.id}`)).status).toBe(404);
    const queue = await operatorB.get('/api/queue');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: { accountId: string }) => i.accountId)).not.toContain(account.id);
    expect(queue.body.items.every((i: { opdId: string }) => i.opdId === opdB.id)).toBe(true);
  });

  it('when a supervisor looks, then they see every OPD but cannot change the times', async () => {
    const account = await accountWithSlots([{ weekday: 1, time: '08:00' }]);
    const supervisor = new ApiClient(app.url);
    await supervisor.login('super', PASSWORD);
    expect((await supervisor.get(`/api/accounts/${account.id}/queue-slots`)).body.slots).toEqual([{ weekday: 1, time: '08:00' }]);
    expect((await supervisor.request('PUT', `/api/accounts/${account.id}/queue-slots`, { slots: [] })).status).toBe(403);
    expect(await slotRows(account.id)).toEqual([{ weekday: 1, time: '08:00' }]);
    expect((await supervisor.get('/api/queue')).body.items.map((i: { accountId: string }) => i.accountId)).toContain(account.id);
  });

  it('when not logged in, then the queue answers 401', async () => {
    expect((await new ApiClient(app.url).get('/api/queue')).status).toBe(401);
  });
});

describe('add to queue', () => {
  it('when a post is added to the queue, then it takes the next slot, and the next post the following one', async () => {
    const slots = [...everyDay(h1), ...everyDay(h2)];
    const account = await accountWithSlots(slots);
    const expected = expectedInstants(slots, 2);
    const first = await addToQueue(operatorA, [account.id], 'Antrean pertama');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'scheduled', scheduledAt: expected[0] });
    expect(first.body.deliveries).toEqual([expect.objectContaining({ accountId: account.id, status: 'scheduled' })]);
    const job = await app.queue.getJob(`publish-${first.body.deliveries[0].id}-r1`);
    expect(job?.opts.delay).toBeGreaterThan(Date.parse(expected[0]!) - Date.now() - 10_000);

    const second = await addToQueue(operatorA, [account.id], 'Antrean kedua');
    expect(second.body.scheduledAt).toBe(expected[1]);
    expect(await t.db.selectFrom('delivery').select('scheduled_at').where('post_id', '=', second.body.id).execute()).toEqual([
      { scheduled_at: expected[1] },
    ]);
  });

  it('when a post was scheduled by hand at a slot instant, then the queue skips that slot', async () => {
    const slots = everyDay(h1);
    const account = await accountWithSlots(slots);
    const expected = expectedInstants(slots, 2);
    expect((await operatorA.post('/api/posts', { accountIds: [account.id], text: 'Manual', scheduledAt: expected[0] })).status).toBe(201);
    expect((await addToQueue(operatorA, [account.id], 'Setelah manual')).body.scheduledAt).toBe(expected[1]);
  });

  it('when a queued post waits for approval, then it still holds its slot: the next post takes the following one', async () => {
    const strict = await buildOpd(t.db, { name: 'Dinas Kominfo', requires_approval: 1 });
    await buildUser(t.db, { username: 'op-strict', role: 'operator', opdIds: [strict.id] });
    const operator = new ApiClient(app.url);
    expect((await operator.login('op-strict', PASSWORD)).status).toBe(200);
    const slots = everyDay(h1);
    const account = await buildAccount(t.db, t.ring, { opdId: strict.id });
    expect((await operator.request('PUT', `/api/accounts/${account.id}/queue-slots`, { slots })).status).toBe(200);
    const expected = expectedInstants(slots, 2);
    const first = await addToQueue(operator, [account.id], 'Menunggu persetujuan');
    expect(first.body).toMatchObject({ status: 'pending_approval', scheduledAt: expected[0] });
    const second = await addToQueue(operator, [account.id], 'Antrean berikutnya');
    expect(second.body).toMatchObject({ status: 'pending_approval', scheduledAt: expected[1] });
  });

  it('when a queued post is cancelled, then its slot is free again for the next one', async () => {
    const slots = everyDay(h2);
    const account = await accountWithSlots(slots);
    const expected = expectedInstants(slots, 2);
    const first = await addToQueue(operatorA, [account.id], 'Akan dibatalkan');
    expect(first.body.scheduledAt).toBe(expected[0]);
    expect((await operatorA.post(`/api/posts/${first.body.id}/cancel`)).status).toBe(200);
    expect((await addToQueue(operatorA, [account.id], 'Pengganti')).body.scheduledAt).toBe(expected[0]);
    expect((await addToQueue(operatorA, [account.id], 'Berikutnya')).body.scheduledAt).toBe(expected[1]);
  });

  it('when several accounts are chosen, then the post takes the first slot they share that is free for all', async () => {
    const a = await accountWithSlots([...everyDay(h1), ...everyDay(h2)]);
    const b = await accountWithSlots(everyDay(h2));
    const shared = expectedInstants(everyDay(h2), 2);
    // The first shared instant is taken on b alone: it is not free for every account.
    expect((await operatorA.post('/api/posts', { accountIds: [b.id], text: 'Hanya b', scheduledAt: shared[0] })).status).toBe(201);
    const res = await addToQueue(operatorA, [a.id, b.id], 'Dua akun');
    expect(res.status).toBe(201);
    expect(res.body.scheduledAt).toBe(shared[1]);
    expect(res.body.deliveries.map((d: { accountId: string }) => d.accountId).sort()).toEqual([a.id, b.id].sort());
    // a's own earlier slots stay free for a alone.
    expect((await addToQueue(operatorA, [a.id], 'Hanya a')).body.scheduledAt).toBe(
      expectedInstants([...everyDay(h1), ...everyDay(h2)], 1)[0],
    );
  });

  it('when an account has no slots, then it is a translated 400 naming it and nothing is stored', async () => {
    const withSlots = await accountWithSlots(everyDay(h1));
    const without = await accountWithSlots([], 'tanpa_slot');
    const before = await counts();
    const res = await addToQueue(operatorA, [withSlots.id, without.id], 'Tidak ada slot');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'accountIds.1', key: 'no_queue_slot' })]);
    expect(res.body.errors[0].message).toContain('@tanpa_slot');
    expect(await counts()).toEqual(before);
  });

  it('when the accounts share no slot, then it is a 400 naming them all, in the user language, and nothing is stored', async () => {
    const a = await accountWithSlots([{ weekday: 1, time: '08:00' }], 'slot_senin');
    const b = await accountWithSlots([{ weekday: 2, time: '08:00' }], 'slot_selasa');
    const english = new ApiClient(app.url);
    await english.login('op-en', PASSWORD);
    const before = await counts();
    const res = await addToQueue(english, [a.id, b.id], 'No common slot');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'accountIds', key: 'no_queue_slot' })]);
    expect(res.body.errors[0].message).toMatch(/@slot_senin.*@slot_selasa.*8 weeks/);
    expect(await counts()).toEqual(before);
  });

  it('when every slot of the next 8 weeks is taken, then it is a 400 and nothing is stored', async () => {
    const slots = [{ weekday: 3, time: h1 }];
    const account = await accountWithSlots(slots);
    const all = expectedInstants(slots, 20).filter((at) => Date.parse(at) <= Date.now() + 56 * DAY_MS);
    for (const [i, at] of all.entries())
      expect((await operatorA.post('/api/posts', { accountIds: [account.id], text: `Manual ${i}`, scheduledAt: at })).status).toBe(201);
    const before = await counts();
    expect((await addToQueue(operatorA, [account.id], 'Penuh')).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('when a time is given with the queue, then it is a 400 on scheduledAt and nothing is stored', async () => {
    const account = await accountWithSlots(everyDay(h1));
    const before = await counts();
    const withTime = await operatorA.post('/api/posts', {
      accountIds: [account.id],
      text: 'x',
      scheduledAt: expectedInstants(everyDay(h1), 1)[0],
      queue: true,
    });
    expect(withTime.status).toBe(400);
    expect(withTime.body.errors).toEqual([expect.objectContaining({ field: 'scheduledAt', key: 'queue_with_time' })]);
    expect(withTime.body.errors[0].message).not.toBe('queue_with_time');
    expect(await counts()).toEqual(before);
  });

  it('when scheduledAt is absent, then the queue still picks the time, and without the queue it is a draft', async () => {
    const account = await accountWithSlots(everyDay(h1));
    const queued = await operatorA.post('/api/posts', { accountIds: [account.id], text: 'Tanpa scheduledAt', queue: true });
    expect(queued.status).toBe(201);
    expect(queued.body.scheduledAt).toBe(expectedInstants(everyDay(h1), 1)[0]);
    const draft = await operatorA.post('/api/posts', { accountIds: [account.id], text: 'Draf tanpa waktu', queue: false });
    expect(draft.body).toMatchObject({ status: 'draft', scheduledAt: null });
  });

  it('when the composer checks a post to be queued, then the check answers as usual', async () => {
    const account = await accountWithSlots(everyDay(h1));
    const res = await operatorA.post('/api/posts/check', {
      accountIds: [account.id],
      text: 'Periksa antrean',
      scheduledAt: null,
      queue: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ warnings: [] });
  });

  it('when 10 posts are added to one account at the same moment, then each takes a different slot, the first 10 in order', async () => {
    const slots = [...everyDay(h1), ...everyDay(h2)];
    const account = await accountWithSlots(slots);
    const expected = expectedInstants(slots, 10);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => addToQueue(operatorA, [account.id], `Serentak ${i}`)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(answers.map((a) => a.body.scheduledAt).sort()).toEqual(expected);
    const stored = await t.db
      .selectFrom('delivery')
      .select('scheduled_at')
      .where('account_id', '=', account.id)
      .orderBy('scheduled_at')
      .execute();
    expect(stored.map((d) => d.scheduled_at)).toEqual(expected);
  });
});

describe('upcoming queue', () => {
  it('when slots are set and some taken, then the queue lists each slot free or with its post, and posts off the slots apart', async () => {
    const slots = [...everyDay(h1), ...everyDay(h2)];
    const account = await accountWithSlots(slots, 'antrean_lihat');
    const queued = await addToQueue(operatorA, [account.id], 'Posyandu   balita\nminggu ini');
    const offSlot = new Date(Date.parse(expectedInstants(slots, 1)[0]!) + 30 * 60_000).toISOString();
    const manual = await operatorA.post('/api/posts', { accountIds: [account.id], text: 'Bukan di slot', scheduledAt: offSlot });
    expect(manual.status).toBe(201);

    const res = await operatorA.get(`/api/queue?accountId=${account.id}&days=14`);
    expect(res.status).toBe(200);
    expect(res.body.timezone).toBe('Asia/Jakarta');
    expect(res.body.items).toHaveLength(1);
    const item = res.body.items[0];
    expect(item).toMatchObject({
      accountId: account.id,
      handle: 'antrean_lihat',
      opdId: opdA.id,
      opdName: 'Dinas Kesehatan',
      slots: expect.any(Array),
    });
    const expected = expectedInstants(slots, 100).filter((at) => Date.parse(at) <= Date.parse(res.body.to));
    expect(expected.length).toBeGreaterThanOrEqual(27);
    expect(item.upcoming.map((u: { at: string }) => u.at)).toEqual(expected);
    expect(item.upcoming[0]).toMatchObject({
      at: queued.body.scheduledAt,
      posts: [{ id: queued.body.id, status: 'scheduled', deliveryStatus: 'scheduled', excerpt: 'Posyandu balita minggu ini' }],
    });
    expect(item.upcoming.slice(1).every((u: { posts: unknown[] }) => u.posts.length === 0)).toBe(true);
    expect(item.upcoming[0].time === h1 || item.upcoming[0].time === h2).toBe(true);
    expect(item.otherPosts).toEqual([expect.objectContaining({ id: manual.body.id, at: offSlot, excerpt: 'Bukan di slot' })]);

    const all = await operatorA.get('/api/queue');
    expect(all.body.items.map((i: { accountId: string }) => i.accountId)).toContain(account.id);
    expect(all.body.items.every((i: { opdId: string }) => i.opdId === opdA.id)).toBe(true);
  });

  it('when days is out of range, then it is a 400 naming days; 31 is accepted', async () => {
    for (const days of ['0', '32', 'abc']) {
      const res = await operatorA.get(`/api/queue?days=${days}`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'days', key: 'invalid_days' });
    }
    expect((await operatorA.get('/api/queue?days=31')).status).toBe(200);
  });
});
