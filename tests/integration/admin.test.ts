import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

let t: TTestDatabase;
let app: TTestApp;
let dinkes: Awaited<ReturnType<typeof buildOpd>>;
let admin: Awaited<ReturnType<typeof buildUser>>;
let boss: ApiClient;

const count = async (table: 'opd' | 'user' | 'membership' | 'audit_event' | 'password_reset') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const snapshot = async () => ({
  opds: await count('opd'),
  users: await count('user'),
  memberships: await count('membership'),
  events: await count('audit_event'),
});

async function signedIn(username: string, password = 'Test-Password-123') {
  const c = new ApiClient(app.url);
  const res = await c.login(username, password);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return c;
}

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({
    database: t,
    redisUrl: testRedisUrl(),
    prefix: 'test-admin',
    publicBaseUrl: 'https://siar.tangerangkab.go.id',
  });
  dinkes = await buildOpd(t.db, { name: 'Dinas Kesehatan', code: 'DINKES' });
  await buildAccount(t.db, t.ring, { opdId: dinkes.id, handle: 'dinkes_tng' });
  admin = await buildUser(t.db, { username: 'admin', role: 'admin' });
  await buildUser(t.db, { username: 'op', role: 'operator', opdIds: [dinkes.id] });
  await buildUser(t.db, { username: 'pengawas', role: 'supervisor' });
  boss = await signedIn('admin');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('who may use the admin API', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/admin/opds'],
    ['POST', '/api/admin/opds', { name: 'Dinas X', code: 'DX' }],
    ['PATCH', '/api/admin/opds/some-id', { name: 'Dinas Y' }],
    ['GET', '/api/admin/users'],
    ['POST', '/api/admin/users', { username: 'baru', name: 'Baru', password: 'Kopi-Tubruk-Pagi-17', role: 'operator' }],
    ['PATCH', '/api/admin/users/some-id', { name: 'Baru' }],
    ['POST', '/api/admin/users/some-id/deactivate'],
    ['POST', '/api/admin/users/some-id/reactivate'],
    ['POST', '/api/admin/users/some-id/reset-link'],
  ];

  it('when operators and supervisors call any admin route, then they get 403 and nothing changes; strangers 401', async () => {
    const before = await snapshot();
    for (const username of ['op', 'pengawas']) {
      const c = await signedIn(username);
      for (const [method, path, body] of routes) {
        const res = await c.request(method, path, body);
        expect(res.status, `${username} ${method} ${path}`).toBe(403);
        expect(res.body.code).toBe('forbidden');
      }
    }
    const stranger = new ApiClient(app.url);
    await stranger.get('/api/auth/me');
    for (const [method, path, body] of routes) expect((await stranger.request(method, path, body)).status).toBe(401);
    const after = await snapshot();
    // Their logins are events; nothing else was written.
    expect({ ...after, events: 0 }).toEqual({ ...before, events: 0 });
  });
});

describe('OPDs', () => {
  it('when an admin lists OPDs, then each comes with its settings, accounts and operator count', async () => {
    const res = await boss.get('/api/admin/opds');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        id: dinkes.id,
        name: 'Dinas Kesehatan',
        code: 'DINKES',
        requiresApproval: false,
        weeklyTarget: 0,
        operatorCount: 1,
        accounts: [expect.objectContaining({ handle: 'dinkes_tng', platform: 'x', status: 'active' })],
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/credentials|accessToken/);
  });

  it('when an admin creates and edits an OPD, then it is stored with its code in capitals', async () => {
    const created = await boss.post('/api/admin/opds', {
      name: 'Kecamatan Tigaraksa',
      code: 'tigaraksa',
      requiresApproval: true,
      weeklyTarget: 10,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Kecamatan Tigaraksa',
      code: 'TIGARAKSA',
      requiresApproval: true,
      weeklyTarget: 10,
      accounts: [],
      operatorCount: 0,
    });
    const edited = await boss.request('PATCH', `/api/admin/opds/${created.body.id}`, { name: 'Kec. Tigaraksa', requiresApproval: false });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Kec. Tigaraksa', code: 'TIGARAKSA', requiresApproval: false, weeklyTarget: 10 });
    expect(await t.db.selectFrom('opd').select(['name', 'requires_approval']).where('id', '=', created.body.id).executeTakeFirst()).toEqual(
      { name: 'Kec. Tigaraksa', requires_approval: 0 },
    );
  });

  it.each([
    ['no name', { code: 'ABC' }, 'name'],
    ['a code with spaces', { name: 'Dinas Baru', code: 'DINAS BARU' }, 'code'],
    ['a negative weekly target', { name: 'Dinas Baru', code: 'DBARU', weeklyTarget: -1 }, 'weeklyTarget'],
    ['a weekly target that is not a number', { name: 'Dinas Baru', code: 'DBARU', weeklyTarget: 'banyak' }, 'weeklyTarget'],
  ])('when the OPD has %s, then it is refused naming the field and nothing is written', async (_name, body, field) => {
    const before = await snapshot();
    const res = await boss.post('/api/admin/opds', body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await snapshot()).toEqual(before);
  });

  it('when a code is already taken (whatever its case), then the answer is a translated 409 on the code', async () => {
    const before = await snapshot();
    const res = await boss.post('/api/admin/opds', { name: 'Dinas Kesehatan 2', code: 'dinkes' });
    expect(res.status).toBe(409);
    // Its own code and title, not "someone else changed this", which would send the admin reloading.
    expect(res.body).toMatchObject({ code: 'duplicate', title: 'Sudah dipakai.', detail: 'Sudah dipakai. code: Kode OPD ini sudah dipakai OPD lain.' });
    expect(res.body.errors).toEqual([{ field: 'code', key: 'opd_code_taken', message: 'Kode OPD ini sudah dipakai OPD lain.' }]);
    const other = (await boss.post('/api/admin/opds', { name: 'Dinas Pendidikan', code: 'DISDIK' })).body;
    const en = await boss.request('PATCH', `/api/admin/opds/${other.id}`, { code: 'Dinkes' }, { headers: { 'accept-language': 'en' } });
    expect(en.status).toBe(409);
    expect(en.body.errors[0].message).toBe('Another OPD already has this code.');
    expect((await boss.request('PATCH', `/api/admin/opds/${other.id}`, { code: 'disdik' })).status).toBe(200);
    expect((await snapshot()).opds).toBe(before.opds + 1);
  });

  it('when a name is already taken (whatever its case and spaces), then the answer is a translated 409 on the name, and an OPD keeps its own name', async () => {
    const before = await snapshot();
    const res = await boss.post('/api/admin/opds', { name: '  dinas KESEHATAN ', code: 'DINKES2' });
    expect([res.status, res.body.code]).toEqual([409, 'duplicate']);
    expect(res.body.errors).toEqual([{ field: 'name', key: 'opd_name_taken', message: 'Nama OPD ini sudah dipakai OPD lain.' }]);
    expect(await snapshot()).toEqual(before);
    const other = (await boss.post('/api/admin/opds', { name: 'Dinas Pertanian', code: 'DISTAN' })).body;
    const renamed = await boss.request('PATCH', `/api/admin/opds/${other.id}`, { name: 'Dinas Kesehatan' });
    expect([renamed.status, renamed.body.errors?.[0]?.key]).toEqual([409, 'opd_name_taken']);
    expect((await boss.request('PATCH', `/api/admin/opds/${other.id}`, { name: 'Dinas Pertanian', weeklyTarget: 2 })).status).toBe(200);
  });

  it('when an OPD to edit does not exist or nothing is sent, then 404 and 400', async () => {
    expect((await boss.request('PATCH', '/api/admin/opds/no-such-opd', { name: 'Dinas' })).status).toBe(404);
    const empty = await boss.request('PATCH', `/api/admin/opds/${dinkes.id}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].key).toBe('nothing_to_change');
  });
});

describe('users', () => {
  it('when an admin creates an operator, then they can sign in with the initial password and see their OPD', async () => {
    const res = await boss.post('/api/admin/users', {
      username: 'siti',
      name: 'Siti Aminah',
      password: 'Kopi-Tubruk-Pagi-17',
      role: 'operator',
      opdIds: [dinkes.id],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: 'siti',
      name: 'Siti Aminah',
      role: 'operator',
      disabled: false,
      opds: [{ id: dinkes.id, name: 'Dinas Kesehatan', code: 'DINKES' }],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password|Kopi-Tubruk/i);
    const siti = await signedIn('siti', 'Kopi-Tubruk-Pagi-17');
    expect((await siti.get('/api/auth/me')).body.opds).toEqual([{ id: dinkes.id, name: 'Dinas Kesehatan', code: 'DINKES' }]);
    const list = (await boss.get('/api/admin/users')).body.items.map((u: { username: string }) => u.username);
    expect(list).toEqual(expect.arrayContaining(['admin', 'op', 'pengawas', 'siti']));
  });

  it.each([
    ['a short password', { password: 'Pendek-123' }, 400, 'password', 'Kata sandi minimal 12 karakter.'],
    [
      'a common password',
      { password: 'password1234' },
      400,
      'password',
      'Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain, misalnya beberapa kata acak.',
    ],
    ['a username with capitals and spaces', { username: 'Budi Santoso' }, 400, 'username', undefined],
    ['an unknown role', { role: 'superadmin' }, 400, 'role', undefined],
    ['an OPD that does not exist', { opdIds: ['no-such-opd'] }, 404, 'opdIds.0', 'OPD tidak ditemukan.'],
    ['the same OPD twice', { opdIds: ['x', 'x'] }, 400, 'opdIds', undefined],
    ['a username already taken', { username: 'pengawas' }, 409, 'username', 'Nama pengguna ini sudah dipakai.'],
  ])(
    'when the new user has %s, then it is refused naming the field and nothing is written',
    async (_name, override, status, field, message) => {
      const before = await snapshot();
      const res = await boss.post('/api/admin/users', {
        username: 'budi',
        name: 'Budi',
        password: 'Kopi-Tubruk-Pagi-17',
        role: 'operator',
        opdIds: [dinkes.id],
        ...override,
      });
      expect(res.status).toBe(status);
      const error = res.body.errors.find((e: { field: string }) => e.field === field);
      expect(error, JSON.stringify(res.body)).toBeTruthy();
      if (message) expect(error.message).toBe(message);
      if (status === 409) expect(res.body.code).toBe('duplicate');
      expect(await snapshot()).toEqual(before);
    },
  );

  it('when an admin edits name, role and memberships, then they change; a supervisor keeps no memberships', async () => {
    const user = (
      await boss.post('/api/admin/users', { username: 'andi', name: 'Andi', password: 'Kopi-Tubruk-Pagi-17', role: 'operator', opdIds: [] })
    ).body;
    const opd2 = (await boss.post('/api/admin/opds', { name: 'Dinas Sosial', code: 'DINSOS' })).body;
    const edited = await boss.request('PATCH', `/api/admin/users/${user.id}`, { name: 'Andi Wijaya', opdIds: [dinkes.id, opd2.id] });
    expect(edited.status).toBe(200);
    expect(edited.body.name).toBe('Andi Wijaya');
    expect(edited.body.opds.map((o: { code: string }) => o.code).sort()).toEqual(['DINKES', 'DINSOS']);
    const promoted = await boss.request('PATCH', `/api/admin/users/${user.id}`, { role: 'supervisor' });
    expect(promoted.body).toMatchObject({ role: 'supervisor', opds: [] });
    expect(await t.db.selectFrom('membership').select('opd_id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect((await boss.request('PATCH', '/api/admin/users/no-such-user', { name: 'X' })).status).toBe(404);
    expect((await boss.request('PATCH', `/api/admin/users/${user.id}`, { opdIds: ['no-such-opd'], role: 'operator' })).status).toBe(404);
    expect((await boss.get('/api/admin/users')).body.items.find((u: { id: string }) => u.id === user.id).role).toBe('supervisor');
  });

  it('when an admin tries to demote or deactivate themselves, then it is refused and they stay an active admin', async () => {
    const before = await snapshot();
    const demote = await boss.request('PATCH', `/api/admin/users/${admin.id}`, { role: 'operator' });
    expect(demote.status).toBe(403);
    expect(demote.body.errors).toEqual([
      expect.objectContaining({ field: 'role', key: 'cannot_demote_self', message: 'Anda tidak bisa mengubah peran akun Anda sendiri.' }),
    ]);
    const deactivate = await boss.post(`/api/admin/users/${admin.id}/deactivate`);
    expect(deactivate.status).toBe(403);
    expect(deactivate.body.errors[0].key).toBe('cannot_deactivate_self');
    expect(await t.db.selectFrom('user').select(['role', 'disabled']).where('id', '=', admin.id).executeTakeFirst()).toEqual({
      role: 'admin',
      disabled: 0,
    });
    expect(await snapshot()).toEqual(before);
    // Renaming oneself is fine.
    expect((await boss.request('PATCH', `/api/admin/users/${admin.id}`, { name: 'Admin Diskominfo', role: 'admin' })).status).toBe(200);
  });

  it('when a user is deactivated, then all their sessions end at once and they cannot sign in until reactivated', async () => {
    const user = (
      await boss.post('/api/admin/users', {
        username: 'rina',
        name: 'Rina',
        password: 'Kopi-Tubruk-Pagi-17',
        role: 'operator',
        opdIds: [dinkes.id],
      })
    ).body;
    const laptop = await signedIn('rina', 'Kopi-Tubruk-Pagi-17');
    const phone = await signedIn('rina', 'Kopi-Tubruk-Pagi-17');
    const off = await boss.post(`/api/admin/users/${user.id}/deactivate`);
    expect(off.status).toBe(200);
    expect(off.body.disabled).toBe(true);
    expect(await t.db.selectFrom('session').select('token_hash').where('user_id', '=', user.id).execute()).toEqual([]);
    expect((await laptop.get('/api/auth/me')).status).toBe(401);
    expect((await phone.get('/api/posts')).status).toBe(401);
    expect((await new ApiClient(app.url).login('rina', 'Kopi-Tubruk-Pagi-17')).status).toBe(401);
    expect((await boss.post(`/api/admin/users/${user.id}/deactivate`)).status).toBe(200);
    const on = await boss.post(`/api/admin/users/${user.id}/reactivate`);
    expect(on.body.disabled).toBe(false);
    await signedIn('rina', 'Kopi-Tubruk-Pagi-17');
  });
});

describe('password reset links', () => {
  async function newUser(username: string) {
    return (
      await boss.post('/api/admin/users', {
        username,
        name: username,
        password: 'Kopi-Tubruk-Pagi-17',
        role: 'operator',
        opdIds: [dinkes.id],
      })
    ).body as { id: string };
  }
  async function anonymous() {
    const c = new ApiClient(app.url);
    await c.get('/api/auth/me');
    return c;
  }
  const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

  it('when an admin makes a link, then it points at Siar, holds a 256-bit token stored only hashed, and lasts 24 hours', async () => {
    const user = await newUser('dewi');
    const res = await boss.post(`/api/admin/users/${user.id}/reset-link`);
    expect(res.status).toBe(201);
    const url = new URL(res.body.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://siar.tangerangkab.go.id/reset-password');
    const token = tokenOf(res.body.url);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    const rows = await t.db.selectFrom('password_reset').selectAll().where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(await t.db.selectFrom('audit_event').selectAll().execute())).not.toContain(token);
  });

  it('when the link is used, then the new password works, every session ends, and the link cannot be used again', async () => {
    const user = await newUser('eko');
    const session = await signedIn('eko', 'Kopi-Tubruk-Pagi-17');
    const token = tokenOf((await boss.post(`/api/admin/users/${user.id}/reset-link`)).body.url);
    const c = await anonymous();
    const check = await c.post('/api/auth/reset-password/check', { token });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ username: 'eko', name: 'eko' });
    const weak = await c.post('/api/auth/reset-password', { token, newPassword: 'qwertyuiop12' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0]).toMatchObject({ field: 'newPassword', key: 'password_common' });
    expect((await c.post('/api/auth/reset-password', { token, newPassword: 'Sepeda-Ontel-Merah-42' })).status).toBe(204);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    await signedIn('eko', 'Sepeda-Ontel-Merah-42');
    expect((await new ApiClient(app.url).login('eko', 'Kopi-Tubruk-Pagi-17')).status).toBe(401);
    const again = await c.post('/api/auth/reset-password', { token, newPassword: 'Sepeda-Ontel-Biru-43' });
    expect(again.status).toBe(404);
    expect(again.body.errors[0]).toMatchObject({ field: 'token', key: 'invalid_reset_link' });
    expect((await c.post('/api/auth/reset-password/check', { token })).status).toBe(404);
  });

  it('when two requests race with one link, then exactly one sets the password', async () => {
    const user = await newUser('fajar');
    const token = tokenOf((await boss.post(`/api/admin/users/${user.id}/reset-link`)).body.url);
    const c = await anonymous();
    const answers = await Promise.all(
      ['Sepeda-Ontel-Merah-44', 'Sepeda-Ontel-Biru-45', 'Sepeda-Ontel-Hijau-46'].map((p) =>
        c.post('/api/auth/reset-password', { token, newPassword: p }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([204, 404, 404]);
  });

  it('when the link has expired, was replaced, or the user is deactivated, then it no longer works', async () => {
    const user = await newUser('gita');
    const c = await anonymous();
    const expired = tokenOf((await boss.post(`/api/admin/users/${user.id}/reset-link`)).body.url);
    await t.db
      .updateTable('password_reset')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', user.id)
      .execute();
    expect((await c.post('/api/auth/reset-password', { token: expired, newPassword: 'Sepeda-Ontel-Merah-47' })).status).toBe(404);
    const first = tokenOf((await boss.post(`/api/admin/users/${user.id}/reset-link`)).body.url);
    const second = tokenOf((await boss.post(`/api/admin/users/${user.id}/reset-link`)).body.url);
    expect((await c.post('/api/auth/reset-password/check', { token: first })).status).toBe(404);
    expect((await c.post('/api/auth/reset-password/check', { token: second })).status).toBe(200);
    await boss.post(`/api/admin/users/${user.id}/deactivate`);
    expect((await c.post('/api/auth/reset-password', { token: second, newPassword: 'Sepeda-Ontel-Merah-48' })).status).toBe(404);
    const refused = await boss.post(`/api/admin/users/${user.id}/reset-link`);
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].key).toBe('user_disabled');
    expect((await c.post('/api/auth/reset-password', { token: 'short', newPassword: 'Sepeda-Ontel-Merah-48' })).status).toBe(400);
    expect((await boss.post('/api/admin/users/no-such-user/reset-link')).status).toBe(404);
  });
});
