import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../../../tests/support/test-database';
import { claimDelivery, markEnded, markPublished, releaseForRetry } from './deliveries.repository';
import { testDatabaseOptions } from '../../../tests/support/test-redis';

let t: TTestDatabase;
let deliveryId: string;

beforeEach(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  const opd = await buildOpd(t.db);
  const user = await buildUser(t.db, { opdIds: [opd.id] });
  const account = await buildAccount(t.db, t.ring, { opdId: opd.id });
  const now = new Date().toISOString();
  const postId = randomUUID();
  deliveryId = randomUUID();
  await t.db.insertInto('post').values({ id: postId, opd_id: opd.id, author_id: user.id, status: 'scheduled', scheduled_at: now, text: 'hi', media_ids: '[]', revision: 2, created_at: now, updated_at: now }).execute();
  await t.db
    .insertInto('delivery')
    .values({ id: deliveryId, post_id: postId, account_id: account.id, text_override: null, status: 'scheduled', revision: 2, scheduled_at: now, attempt: 0, next_attempt_at: null, lease_id: null, lease_at: null, external_id: null, external_url: null, published_at: null, last_error: null, updated_at: now })
    .execute();
});
afterEach(async () => t.close());

const row = () => t.db.selectFrom('delivery').selectAll().where('id', '=', deliveryId).executeTakeFirstOrThrow();

/** More scheduled deliveries like the first, each of a post of its own. */
async function moreDeliveries(n: number): Promise<string[]> {
  const first = await row();
  const post = await t.db.selectFrom('post').selectAll().where('id', '=', first.post_id).executeTakeFirstOrThrow();
  const ids = Array.from({ length: n }, () => randomUUID());
  for (const id of ids) {
    await t.db.insertInto('post').values({ ...post, id }).execute();
    await t.db.insertInto('delivery').values({ ...first, id, post_id: id }).execute();
  }
  return ids;
}

describe('claiming a delivery', () => {
  it('when two workers claim the same delivery, then exactly one wins', async () => {
    const results = await Promise.all([1, 2, 3].map(() => claimDelivery(t.db, { deliveryId, revision: 2, leaseId: randomUUID(), now: new Date() })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await row()).toMatchObject({ status: 'publishing', attempt: 1 });
  });

  it('when many claims arrive at once (a burst), then they share a commit and each is decided on its own row', async () => {
    const others = await moreDeliveries(20);
    const attempt = (id: string) => ({ id: `${id}-a`, number: 1 });
    const results = await Promise.all([
      ...others.map((id) => claimDelivery(t.db, { deliveryId: id, revision: 2, leaseId: randomUUID(), now: new Date(), attempt: attempt(id) })),
      claimDelivery(t.db, { deliveryId, revision: 1, leaseId: randomUUID(), now: new Date() }),
    ]);
    expect(results).toEqual([...others.map(() => true), false]);
    const claimed = await t.db.selectFrom('delivery').select(['id', 'status']).where('id', 'in', others).execute();
    expect(claimed.every((d) => d.status === 'publishing')).toBe(true);
    expect(await t.db.selectFrom('delivery_attempt').select('id').where('delivery_id', 'in', others).execute()).toHaveLength(20);
    expect(await row()).toMatchObject({ status: 'scheduled' });
  });

  it('when one claim of a shared commit fails, then the others are claimed on their own and only it fails', async () => {
    const others = await moreDeliveries(5);
    // The third claim's attempt row collides with an existing one: its insert throws.
    await t.db.insertInto('delivery_attempt').values({ id: 'taken', delivery_id: deliveryId, number: 1, kind: 'publish', started_at: new Date().toISOString(), ended_at: null, outcome: null, error_kind: null, http_status: null, excerpt: null }).execute();
    const results = await Promise.allSettled(
      others.map((id, i) => claimDelivery(t.db, { deliveryId: id, revision: 2, leaseId: randomUUID(), now: new Date(), attempt: { id: i === 2 ? 'taken' : `${id}-a`, number: 1 } })),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const rows = await t.db.selectFrom('delivery').select(['id', 'status']).where('id', 'in', others).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual(Object.fromEntries(others.map((id, i) => [id, i === 2 ? 'scheduled' : 'publishing'])));
  });

  it('when the job carries an old revision (the post was edited), then the claim fails and nothing changes', async () => {
    expect(await claimDelivery(t.db, { deliveryId, revision: 1, leaseId: randomUUID(), now: new Date() })).toBe(false);
    expect(await row()).toMatchObject({ status: 'scheduled', attempt: 0, lease_id: null });
  });

  it('when the delivery was cancelled, then the claim fails', async () => {
    await t.db.updateTable('delivery').set({ status: 'cancelled' }).where('id', '=', deliveryId).execute();
    expect(await claimDelivery(t.db, { deliveryId, revision: 2, leaseId: randomUUID(), now: new Date() })).toBe(false);
  });

  it('when the claim succeeds, then the lease is on the row before any platform call', async () => {
    const leaseId = randomUUID();
    await claimDelivery(t.db, { deliveryId, revision: 2, leaseId, now: new Date() });
    const r = await row();
    expect(r.lease_id).toBe(leaseId);
    expect(r.lease_at).not.toBeNull();
  });

  it('when a worker that lost its lease reports, then its write changes nothing', async () => {
    const leaseId = randomUUID();
    await claimDelivery(t.db, { deliveryId, revision: 2, leaseId, now: new Date() });
    await markPublished(t.db, { deliveryId, leaseId: 'someone-else', externalId: '1', url: 'u', at: new Date() });
    await markEnded(t.db, { deliveryId, leaseId: 'someone-else', status: 'failed', error: { kind: 'transient', message: '' } });
    expect(await row()).toMatchObject({ status: 'publishing', external_id: null });
    await markPublished(t.db, { deliveryId, leaseId, externalId: '99', url: 'https://x.com/a/status/99', at: new Date() });
    expect(await row()).toMatchObject({ status: 'published', external_id: '99', lease_id: null });
  });

  it('when released for a rate limit, then it can be claimed again and no attempt is used', async () => {
    const leaseId = randomUUID();
    await claimDelivery(t.db, { deliveryId, revision: 2, leaseId, now: new Date() });
    await releaseForRetry(t.db, { deliveryId, leaseId, at: new Date(Date.now() + 60_000), error: { kind: 'rate_limited', message: '' }, countsAsAttempt: false });
    expect(await row()).toMatchObject({ status: 'scheduled', attempt: 0 });
    expect(await claimDelivery(t.db, { deliveryId, revision: 2, leaseId: randomUUID(), now: new Date() })).toBe(true);
  });
});
