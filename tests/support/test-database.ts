import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, migrateToLatest, parseKeyText, sealCredentials, type TDatabase, type TKeyRing } from '@siar/shared/node';
import { hashPassword } from '../../server/src/components/auth/password';

export interface TTestDatabase {
  db: TDatabase;
  ring: TKeyRing;
  dir: string;
  url: string;
  keyText: string;
  close(): Promise<void>;
}

export type TTestDatabaseOptions = { dialect: 'sqlite' } | { dialect: 'postgres'; postgresUrl: string };

/**
 * A real database of its own, migrated: a SQLite file in a temp dir, or a fresh PostgreSQL
 * database on the run's private cluster (dropped again by close()).
 */
export async function createTestDatabase(options: TTestDatabaseOptions = { dialect: 'sqlite' }): Promise<TTestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'siar-test-db-'));
  let url = `sqlite:${join(dir, 'siar.db')}`;
  let dropDatabase = async () => undefined as void;
  if (options.dialect === 'postgres') {
    const name = `siar_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: `${options.postgresUrl}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    url = `${options.postgresUrl}/${name}`;
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: `${options.postgresUrl}/postgres` });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const db = createDatabase({ url });
  await migrateToLatest(db);
  const keyText = `ktest:${randomBytes(32).toString('base64')}`;
  return {
    db,
    ring: parseKeyText(keyText),
    dir,
    url,
    keyText,
    close: async () => {
      await db.destroy();
      await dropDatabase();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const now = () => new Date().toISOString();

export async function buildOpd(db: TDatabase, overrides: Partial<{ name: string; code: string; requires_approval: number }> = {}) {
  const id = randomUUID();
  const row = { id, name: `OPD ${id.slice(0, 6)}`, code: `OPD-${id.slice(0, 8)}`, requires_approval: 0, weekly_target: 0, created_at: now(), ...overrides };
  await db.insertInto('opd').values(row).execute();
  return row;
}

export async function buildUser(db: TDatabase, overrides: Partial<{ username: string; role: 'admin' | 'supervisor' | 'operator'; password: string; opdIds: string[]; locale: 'id' | 'en'; disabled: number }> = {}) {
  const id = randomUUID();
  const password = overrides.password ?? 'Test-Password-123';
  const row = {
    id,
    username: overrides.username ?? `user-${id.slice(0, 8)}`,
    name: `User ${id.slice(0, 4)}`,
    password_hash: await hashPassword(password),
    role: overrides.role ?? 'operator',
    locale: overrides.locale ?? 'id',
    timezone: 'Asia/Jakarta',
    disabled: overrides.disabled ?? 0,
    created_at: now(),
  };
  await db.insertInto('user').values(row).execute();
  for (const opdId of overrides.opdIds ?? []) await db.insertInto('membership').values({ user_id: id, opd_id: opdId }).execute();
  return { ...row, password };
}

export async function buildAccount(db: TDatabase, ring: TKeyRing, overrides: { opdId: string; handle?: string; externalId?: string; accessToken?: string; status?: 'active' | 'needs_reconnect' }) {
  const id = randomUUID();
  const accessToken = overrides.accessToken ?? `tok-${randomBytes(12).toString('hex')}`;
  const row = {
    id,
    opd_id: overrides.opdId,
    platform: 'x',
    external_id: overrides.externalId ?? String(1_600_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 1e12))),
    handle: overrides.handle ?? `acct_${id.slice(0, 6)}`,
    display_name: `Account ${id.slice(0, 4)}`,
    status: overrides.status ?? ('active' as const),
    credentials: sealCredentials(ring, id, { accessToken }),
    token_expires_at: null,
    created_at: now(),
    updated_at: now(),
  };
  await db.insertInto('social_account').values(row).execute();
  return { ...row, accessToken };
}
