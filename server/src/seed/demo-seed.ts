import { randomBytes, randomUUID } from 'node:crypto';
import { sealCredentials, type TDatabase, type TKeyRing } from '@siar/shared/node';
import { hashPassword } from '../components/auth/password';

export interface TDemoLogin {
  username: string;
  role: string;
  password: string;
}

const OPDS = [
  { key: 'kominfo', name: 'Diskominfo', code: 'DISKOMINFO', weeklyTarget: 10 },
  { key: 'dinkes', name: 'Dinas Kesehatan', code: 'DINKES', weeklyTarget: 5 },
  { key: 'tigaraksa', name: 'Kecamatan Tigaraksa', code: 'KEC-TIGARAKSA', weeklyTarget: 3 },
] as const;

const USERS = [
  { username: 'admin', name: 'Administrator Siar', role: 'admin', opds: [] },
  { username: 'supervisor', name: 'Siti Rahmawati (Diskominfo)', role: 'supervisor', opds: [] },
  { username: 'operator.dinkes', name: 'Budi Santoso (Dinkes)', role: 'operator', opds: ['dinkes'] },
  { username: 'operator.tigaraksa', name: 'Dewi Lestari (Kec. Tigaraksa)', role: 'operator', opds: ['tigaraksa'] },
] as const;

/** Demo accounts live on the X emulator; their ids are X-like numeric strings. */
const X_ACCOUNTS = [
  { opd: 'dinkes', externalId: '1500000000000000001', handle: 'dinkes_kabtng', name: 'Dinas Kesehatan Kab. Tangerang' },
  { opd: 'kominfo', externalId: '1500000000000000002', handle: 'diskominfo_kabtng', name: 'Diskominfo Kab. Tangerang' },
  { opd: 'kominfo', externalId: '1500000000000000003', handle: 'pemkabtangerang', name: 'Pemkab Tangerang' },
  { opd: 'tigaraksa', externalId: '1500000000000000004', handle: 'kec_tigaraksa', name: 'Kecamatan Tigaraksa' },
] as const;

/**
 * Demo Facebook Pages and their Instagram accounts, on the Meta emulator. An Instagram account
 * publishes with its Page's token, so each pair shares one (the launcher links them by it).
 */
const META_ACCOUNTS = [
  { opd: 'DINKES', page: { externalId: '104000000000001', handle: 'dinkes.kabupatentangerang', name: 'Dinas Kesehatan Kabupaten Tangerang' }, instagram: { externalId: '17841400000000001', handle: 'dinkes.kabtangerang', name: 'Dinkes Kab. Tangerang' } },
  { opd: 'DISKOMINFO', page: { externalId: '104000000000002', handle: 'pemkab.tangerang', name: 'Pemerintah Kabupaten Tangerang' }, instagram: { externalId: '17841400000000002', handle: 'pemkabtangerang.official', name: 'Pemkab Tangerang' } },
] as const;
/** Facebook Login's long-lived user token lasts about 60 days; the demo's Page tokens carry that expiry. */
const META_TOKEN_DAYS = 60;

/**
 * Adds the demo Pages and Instagram accounts to the demo OPDs (by code) when the database has
 * no Facebook or Instagram account yet: a fresh demo, or one seeded before Meta was supported.
 */
export async function seedDemoMetaAccounts(options: { db: TDatabase; ring: TKeyRing }): Promise<number> {
  const { db, ring } = options;
  if (await db.selectFrom('social_account').select('id').where('platform', 'in', ['facebook', 'instagram']).limit(1).executeTakeFirst()) return 0;
  const opds = await db.selectFrom('opd').select(['id', 'code']).where('code', 'in', META_ACCOUNTS.map((a) => a.opd)).execute();
  const now = new Date().toISOString();
  const expiresAt = new Date(Date.now() + META_TOKEN_DAYS * 24 * 3600_000).toISOString();
  const rows = META_ACCOUNTS.flatMap((a) => {
    const opdId = opds.find((o) => o.code === a.opd)?.id;
    if (!opdId) return [];
    const accessToken = `demo-page-${randomBytes(24).toString('base64url')}`;
    return (['facebook', 'instagram'] as const).map((platform) => {
      const account = platform === 'facebook' ? a.page : a.instagram;
      const id = randomUUID();
      const credentials = sealCredentials(ring, id, { accessToken, expiresAt });
      return { id, opd_id: opdId, platform, external_id: account.externalId, handle: account.handle, display_name: account.name, status: 'active' as const, credentials, token_expires_at: expiresAt, created_at: now, updated_at: now };
    });
  });
  if (rows.length) await db.insertInto('social_account').values(rows).execute();
  return rows.length;
}

function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Fills an empty database with the demo regency: three OPDs, four people and four X
 * accounts. Does nothing when any OPD exists. Answers the logins it created, with passwords
 * (the admin's from `adminPassword` when given), to be shown once.
 */
export async function seedDemo(options: { db: TDatabase; ring: TKeyRing; adminPassword?: string | undefined }): Promise<TDemoLogin[] | undefined> {
  const { db, ring } = options;
  if (await db.selectFrom('opd').select('id').limit(1).executeTakeFirst()) return undefined;
  const now = new Date().toISOString();
  const opdIds = new Map<string, string>(OPDS.map((o) => [o.key, randomUUID()]));
  const logins: TDemoLogin[] = [];
  const users = await Promise.all(
    USERS.map(async (u) => {
      const password = u.username === 'admin' && options.adminPassword ? options.adminPassword : generatePassword();
      logins.push({ username: u.username, role: u.role, password });
      return { ...u, id: randomUUID(), hash: await hashPassword(password) };
    }),
  );
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('opd').values(OPDS.map((o) => ({ id: opdIds.get(o.key)!, name: o.name, code: o.code, requires_approval: 0, weekly_target: o.weeklyTarget, created_at: now }))).execute();
    await trx.insertInto('user').values(users.map((u) => ({ id: u.id, username: u.username, name: u.name, password_hash: u.hash, role: u.role, locale: 'id' as const, timezone: 'Asia/Jakarta', disabled: 0, created_at: now }))).execute();
    const memberships = users.flatMap((u) => u.opds.map((o) => ({ user_id: u.id, opd_id: opdIds.get(o)! })));
    if (memberships.length) await trx.insertInto('membership').values(memberships).execute();
    await trx
      .insertInto('social_account')
      .values(
        X_ACCOUNTS.map((a) => {
          const id = randomUUID();
          const credentials = sealCredentials(ring, id, { accessToken: `demo-${randomBytes(24).toString('base64url')}` });
          return { id, opd_id: opdIds.get(a.opd)!, platform: 'x', external_id: a.externalId, handle: a.handle, display_name: a.name, status: 'active' as const, credentials, token_expires_at: null, created_at: now, updated_at: now };
        }),
      )
      .execute();
  });
  return logins;
}
