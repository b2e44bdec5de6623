import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as postReach from '../../shared/src/node/db/migrations/0014-post-reach';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions } from '../support/test-redis';

/**
 * Migration 0014 on a database that already has posts: the posts going to another OPD's
 * accounts get their `post_reach` rows; posts within their own OPD get none.
 */

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
});
afterAll(async () => {
  await t?.close();
});

async function insertPost(opdId: string, authorId: string, accountIds: string[]) {
  const id = randomUUID();
  const now = new Date().toISOString();
  await t.db.insertInto('post').values({ id, opd_id: opdId, author_id: authorId, status: 'published', scheduled_at: now, text: 'Info', media_ids: '[]', revision: 1, created_at: now, updated_at: now }).execute();
  for (const accountId of accountIds) {
    await t.db
      .insertInto('delivery')
      .values({ id: randomUUID(), post_id: id, account_id: accountId, text_override: null, status: 'published', revision: 1, scheduled_at: now, attempt: 1, next_attempt_at: null, lease_id: null, lease_at: null, external_id: null, external_url: null, published_at: now, last_error: null, updated_at: now })
      .execute();
  }
  return id;
}

it('when the migration runs over existing posts, then each post going to other OPDs names each of them once, and no other post is named', async () => {
  const [a, b, c] = [await buildOpd(t.db), await buildOpd(t.db), await buildOpd(t.db)];
  const author = (await buildUser(t.db, { username: 'boss', role: 'admin' })).id;
  const [a1, a2, b1, b2, c1] = [
    await buildAccount(t.db, t.ring, { opdId: a.id, handle: 'a1' }),
    await buildAccount(t.db, t.ring, { opdId: a.id, handle: 'a2' }),
    await buildAccount(t.db, t.ring, { opdId: b.id, handle: 'b1' }),
    await buildAccount(t.db, t.ring, { opdId: b.id, handle: 'b2' }),
    await buildAccount(t.db, t.ring, { opdId: c.id, handle: 'c1' }),
  ];
  await postReach.down(t.db as unknown as Kysely<unknown>);
  const own = await insertPost(a.id, author, [a1.id, a2.id]);
  const toB = await insertPost(a.id, author, [a1.id, b1.id, b2.id]);
  const toBAndC = await insertPost(b.id, author, [b1.id, a2.id, c1.id]);
  await postReach.up(t.db as unknown as Kysely<unknown>);

  const rows = await t.db.selectFrom('post_reach').select(['post_id', 'opd_id']).execute();
  const key = (r: { post_id: string; opd_id: string }) => `${r.post_id}>${r.opd_id}`;
  expect(rows.map(key).sort()).toEqual([key({ post_id: toB, opd_id: b.id }), key({ post_id: toBAndC, opd_id: a.id }), key({ post_id: toBAndC, opd_id: c.id })].sort());
  expect(rows.some((r) => r.post_id === own)).toBe(false);
});
