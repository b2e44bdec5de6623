import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyIdOf, loadKeyRing, newKeyLine, openCredentials, parseKeyText, sealCredentials } from '@siar/shared/node';
import { testDatabaseOptions } from '../support/test-redis';
import { buildAccount, buildOpd, createTestDatabase, type TTestDatabase } from '../support/test-database';

const root = new URL('../..', import.meta.url).pathname;
let t: TTestDatabase;
let keyFile: string;
const tokens = new Map<string, string>();

function rotate() {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/rotate-key.ts'], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: t.url, DATA_DIR: t.dir, SIAR_ENCRYPTION_KEY: '', SIAR_KEY_FILE: keyFile } });
  return { code: r.status, out: r.stdout + r.stderr };
}
const accountRows = () => t.db.selectFrom('social_account').select(['id', 'credentials']).execute();

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  keyFile = join(t.dir, 'siar.key');
  writeFileSync(keyFile, `${newKeyLine('k1')}\n`, { mode: 0o600 });
  const ring = loadKeyRing({ keyFile });
  const opd = await buildOpd(t.db);
  for (let i = 0; i < 5; i++) {
    const a = await buildAccount(t.db, ring, { opdId: opd.id });
    tokens.set(a.id, a.accessToken);
  }
});
afterAll(async () => t.close());

describe('npm run rotate-key', () => {
  it('when run, then every token is under a new key, still opens, and the old key is gone from the file', async () => {
    const r = rotate();
    expect(r.code, r.out).toBe(0);
    const ring = loadKeyRing({ keyFile });
    expect(ring.current.id).not.toBe('k1');
    expect(ring.previous).toEqual([]);
    expect((statSync(keyFile).mode & 0o777).toString(8)).toBe('600');
    for (const row of await accountRows()) {
      expect(keyIdOf(row.credentials!)).toBe(ring.current.id);
      expect(openCredentials(ring, row.id, row.credentials!).accessToken).toBe(tokens.get(row.id));
    }
  });

  it('when a run crashed half-way, then the next run resumes under the same new key and finishes', async () => {
    // A crash after the new key was written and two rows re-sealed: the file holds new + old.
    const old = loadKeyRing({ keyFile });
    const next = parseKeyText(`${newKeyLine('knext')}\n${old.current.id}:${old.current.key.toString('base64')}`);
    writeFileSync(keyFile, `knext:${next.current.key.toString('base64')}\n${old.current.id}:${old.current.key.toString('base64')}\n`, { mode: 0o600 });
    const rows = await accountRows();
    for (const row of rows.slice(0, 2)) {
      const sealed = sealCredentials(next, row.id, openCredentials(old, row.id, row.credentials!));
      await t.db.updateTable('social_account').set({ credentials: sealed }).where('id', '=', row.id).execute();
    }
    const r = rotate();
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/resuming: 3 value/);
    const ring = loadKeyRing({ keyFile });
    expect(ring.current.id).toBe('knext');
    expect(readFileSync(keyFile, 'utf8').trim().split('\n')).toHaveLength(1);
    for (const row of await accountRows()) expect(openCredentials(ring, row.id, row.credentials!).accessToken).toBe(tokens.get(row.id));
  });

  it('when a process started before the rotation opens a token sealed under the new key, then it reloads the key file by itself', async () => {
    const before = loadKeyRing({ keyFile });
    const r = rotate();
    expect(r.code, r.out).toBe(0);
    const row = (await accountRows())[0]!;
    expect(openCredentials(before, row.id, row.credentials!).accessToken).toBe(tokens.get(row.id));
  });
});
