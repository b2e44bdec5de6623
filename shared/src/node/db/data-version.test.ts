import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type TDatabase } from './database';
import { dataVersion } from './data-version';

/** SQLite's version: this connection's writes (total_changes) and other connections' commits (data_version). */
let dir: string;
let db: TDatabase;
let other: Database.Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'siar-data-version-'));
  db = createDatabase({ url: `sqlite:${join(dir, 'siar.db')}` });
  await sql`create table note (id integer primary key, text text)`.execute(db);
  // Another process's connection, as the worker or a CLI holds.
  other = new Database(join(dir, 'siar.db'));
  other.pragma('busy_timeout = 5000');
});

afterEach(async () => {
  other.close();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('dataVersion on SQLite', () => {
  it('when nothing is written, then reads leave it as it was', async () => {
    const before = await dataVersion(db);
    await sql`select count(*) from note`.execute(db);
    other.prepare('select count(*) from note').get();
    expect(await dataVersion(db)).toBe(before);
  });

  it('when this connection writes, then it moves, each time', async () => {
    const v1 = await dataVersion(db);
    await sql`insert into note (text) values ('a')`.execute(db);
    const v2 = await dataVersion(db);
    await sql`update note set text = 'b'`.execute(db);
    const v3 = await dataVersion(db);
    expect(new Set([v1, v2, v3]).size).toBe(3);
  });

  it('when another connection commits, then it moves; while that write is uncommitted, the rows and the version both stay', async () => {
    const v1 = await dataVersion(db);
    other.exec("begin; insert into note (text) values ('from the worker')");
    expect(await dataVersion(db)).toBe(v1);
    expect((await sql<{ n: number }>`select count(*) as n from note`.execute(db)).rows[0]!.n).toBe(0);
    other.exec('commit');
    expect(await dataVersion(db)).not.toBe(v1);
    expect((await sql<{ n: number }>`select count(*) as n from note`.execute(db)).rows[0]!.n).toBe(1);
  });

  it('when this connection is inside a transaction, then the version is read only after its commit (queries serialize on the connection)', async () => {
    const v1 = await dataVersion(db);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const writing = db.transaction().execute(async (trx) => {
      await sql`insert into note (text) values ('pending')`.execute(trx);
      await gate;
    });
    await new Promise((r) => setTimeout(r, 10));
    let read = false;
    const reading = dataVersion(db).then((v) => ((read = true), v));
    await new Promise((r) => setTimeout(r, 20));
    expect(read).toBe(false);
    release();
    await writing;
    expect(await reading).not.toBe(v1);
  });
});
