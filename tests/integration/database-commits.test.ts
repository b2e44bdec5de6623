import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitWithoutFsync, createGroupCommit, reusableQuery, type DB, type TDatabase } from '@siar/shared/node';
import { buildOpd, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions } from '../support/test-redis';

/**
 * The database layer's two speed-ups keep their meaning: a cached prepared statement answers with
 * the data of the moment it runs, and a commit without fsync commits (or rolls back) like any
 * other, then leaves the connection fully durable for the next one (a claim).
 */

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
});
afterAll(async () => {
  await t.close();
});

const isPostgres = () => t.url.startsWith('postgres');
async function durability(db: TDatabase | Transaction<DB> = t.db): Promise<string> {
  if (isPostgres()) return String((await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(db)).rows[0]!.synchronous_commit);
  return String((await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]!.synchronous);
}

describe('cached statements', () => {
  it('run again with new parameters and see rows written in between', async () => {
    const names = async (code: string) => (await t.db.selectFrom('opd').select('name').where('code', '=', code).execute()).map((r) => r.name);
    const a = await buildOpd(t.db, { name: 'Dinas A' });
    const b = await buildOpd(t.db, { name: 'Dinas B' });
    expect(await names(a.code)).toEqual(['Dinas A']);
    expect(await names(b.code)).toEqual(['Dinas B']);
    await t.db.updateTable('opd').set({ name: 'Dinas A baru' }).where('id', '=', a.id).execute();
    expect(await names(a.code)).toEqual(['Dinas A baru']);
  });
});

describe('commitWithoutFsync', () => {
  it('commits, and the next transaction is flushed again', async () => {
    const before = await durability();
    const opd = await buildOpd(t.db);
    await commitWithoutFsync(t.db, async (trx) => {
      await trx.updateTable('opd').set({ weekly_target: 7 }).where('id', '=', opd.id).execute();
    });
    expect((await t.db.selectFrom('opd').select('weekly_target').where('id', '=', opd.id).executeTakeFirstOrThrow()).weekly_target).toBe(7);
    expect(await durability()).toBe(before);
    expect(before).toBe(isPostgres() ? 'on' : '2');
  });

  it('rolls back when the work throws, and restores durability', async () => {
    const opd = await buildOpd(t.db);
    await expect(
      commitWithoutFsync(t.db, async (trx) => {
        await trx.updateTable('opd').set({ weekly_target: 9 }).where('id', '=', opd.id).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await t.db.selectFrom('opd').select('weekly_target').where('id', '=', opd.id).executeTakeFirstOrThrow()).weekly_target).toBe(0);
    expect(await durability()).toBe(isPostgres() ? 'on' : '2');
  });

  it('holds its connection: a concurrent transaction is neither inside it nor relaxed', async () => {
    const opd = await buildOpd(t.db);
    const durabilitySeen: string[] = [];
    await Promise.all([
      commitWithoutFsync(t.db, async (trx) => {
        await trx.updateTable('opd').set({ weekly_target: 1 }).where('id', '=', opd.id).execute();
        await new Promise((r) => setTimeout(r, 20));
      }),
      t.db.transaction().execute(async (trx) => {
        durabilitySeen.push(await durability(trx));
        await trx.updateTable('opd').set({ weekly_target: 2 }).where('id', '=', opd.id).execute();
      }),
    ]);
    expect(durabilitySeen).toEqual([isPostgres() ? 'on' : '2']);
    expect([1, 2]).toContain((await t.db.selectFrom('opd').select('weekly_target').where('id', '=', opd.id).executeTakeFirstOrThrow()).weekly_target);
  });
});

describe('group commit', () => {
  it('answers each work with its own result once committed', async () => {
    const commits = createGroupCommit(t.db);
    const opds = await Promise.all([buildOpd(t.db), buildOpd(t.db), buildOpd(t.db)]);
    const results = await Promise.all(
      opds.map((opd, i) =>
        commits.run(opd.id, async (trx) => {
          await trx.updateTable('opd').set({ weekly_target: 40 + i }).where('id', '=', opd.id).execute();
          return i;
        }),
      ),
    );
    expect(results).toEqual([0, 1, 2]);
    const rows = await t.db.selectFrom('opd').select(['id', 'weekly_target']).where('id', 'in', opds.map((o) => o.id)).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.weekly_target]))).toEqual(Object.fromEntries(opds.map((o, i) => [o.id, 40 + i])));
  });

  it('when one work fails, the others are committed on their own and only it is refused', async () => {
    const commits = createGroupCommit(t.db, { transaction: commitWithoutFsync });
    const opds = await Promise.all([buildOpd(t.db), buildOpd(t.db), buildOpd(t.db)]);
    const runs = [0, 0, 0];
    const outcomes = await Promise.allSettled(
      opds.map((opd, i) =>
        commits.run(opd.id, async (trx) => {
          runs[i]! += 1;
          await trx.updateTable('opd').set({ weekly_target: 50 + i }).where('id', '=', opd.id).execute();
          if (i === 1) throw new Error('this one fails');
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // They were tried together first (the shared transaction failed), then each alone.
    expect(runs.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(4);
    const rows = await t.db.selectFrom('opd').select(['id', 'weekly_target']).where('id', 'in', opds.map((o) => o.id)).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.weekly_target]))).toEqual({ [opds[0]!.id]: 50, [opds[1]!.id]: 0, [opds[2]!.id]: 52 });
    expect(await durability()).toBe(isPostgres() ? 'on' : '2');
  });
});

describe('reusable queries', () => {
  const rename = reusableQuery((db, v: { id: string; name: string }) => db.updateTable('opd').set({ name: v.name, weekly_target: 5 }).where('id', '=', v.id).where('code', '!=', 'NEVER'));
  const byCode = reusableQuery((db, v: { code: string }) => db.selectFrom('opd').select(['id', 'name', 'weekly_target']).where('code', '=', v.code).where('requires_approval', '=', 0));

  it('run with the values of each call, keeping the query constants, in and out of transactions', async () => {
    const a = await buildOpd(t.db);
    const b = await buildOpd(t.db);
    expect(Number((await rename.execute(t.db, { id: a.id, name: 'Dinas Satu' })).numAffectedRows)).toBe(1);
    await t.db.transaction().execute(async (trx) => {
      expect(Number((await rename.execute(trx, { id: b.id, name: 'Dinas Dua' })).numAffectedRows)).toBe(1);
    });
    expect(Number((await rename.execute(t.db, { id: 'no-such-opd', name: 'x' })).numAffectedRows)).toBe(0);
    expect((await byCode.execute(t.db, { code: a.code })).rows).toEqual([{ id: a.id, name: 'Dinas Satu', weekly_target: 5 }]);
    expect((await byCode.execute(t.db, { code: b.code })).rows).toEqual([{ id: b.id, name: 'Dinas Dua', weekly_target: 5 }]);
  });

  it('refuse a value that does not reach the query as a plain value', async () => {
    const unused = reusableQuery((db, _v: { code: string; extra: string }) => db.selectFrom('opd').select('id').where('code', '=', _v.code));
    await expect(unused.execute(t.db, { code: 'x', extra: 'y' })).rejects.toThrow(/extra does not reach the query/);
  });
});
