import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabase, migrateToLatest } from '@siar/shared/node';
import { ensureAdmin } from '../../server/src/seed/ensure-admin';
import { verifyPassword } from '../../server/src/components/auth/password';
import { testDatabaseOptions } from '../support/test-redis';
import { createTestDatabase } from '../support/test-database';

describe('first start', () => {
  it('when two processes migrate a new SQLite file at once, then both end on the latest schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'siar-migrate-race-'));
    const url = `sqlite:${join(dir, 'siar.db')}`;
    const a = createDatabase({ url });
    const b = createDatabase({ url });
    try {
      await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
      const tables = await a.introspection.getTables();
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['opd', 'user', 'post', 'delivery', 'delivery_attempt', 'audit_event']));
    } finally {
      await a.destroy();
      await b.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when the database has no users, then the admin is created once with the given password, and never again', async () => {
    const t = await createTestDatabase(testDatabaseOptions());
    try {
      expect(await ensureAdmin(t.db, 'Kata-Sandi-Admin-2026')).toBe(true);
      expect(await ensureAdmin(t.db, 'Another-Password-99')).toBe(false);
      const users = await t.db.selectFrom('user').selectAll().execute();
      expect(users).toHaveLength(1);
      expect(users[0]).toMatchObject({ username: 'admin', role: 'admin', disabled: 0 });
      expect(await verifyPassword(users[0]!.password_hash, 'Kata-Sandi-Admin-2026')).toBe(true);
    } finally {
      await t.close();
    }
  });
});
