import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testRedisUrl, testDatabaseOptions } from '../support/test-redis';

let t: TTestDatabase;
let app: TTestApp;
let admin: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-auth' });
  admin = await buildUser(t.db, { username: 'admin', role: 'admin', password: 'Correct-Horse-42' });
  await buildUser(t.db, { username: 'gone', role: 'operator', password: 'Correct-Horse-42', disabled: 1 });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('auth', () => {
  it('when a browser first asks who it is, then it gets 401 and a CSRF cookie', async () => {
    const c = new ApiClient(app.url);
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('unauthenticated');
    expect(c.jar.get('siar_csrf')).toBeTruthy();
    const setCookie = me.headers.getSetCookie().join(';');
    expect(setCookie).not.toMatch(/siar_csrf=[^;]+;[^,]*HttpOnly/i);
  });

  it('when the login has no CSRF header, then it is refused with 403', async () => {
    const c = new ApiClient(app.url);
    await c.get('/api/auth/me');
    const res = await c.request('POST', '/api/auth/login', { username: 'admin', password: 'Correct-Horse-42' }, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf');
  });

  it('when the password is right, then the session cookie is httpOnly and SameSite=Lax and /me answers', async () => {
    const c = new ApiClient(app.url);
    const res = await c.login('admin', 'Correct-Horse-42');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'admin', role: 'admin', locale: 'id', timezone: 'Asia/Jakarta' });
    const cookie = res.headers.getSetCookie().find((h) => h.startsWith('siar_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await c.get('/api/auth/me')).body.id).toBe(admin.id);
  });

  it('when the user is unknown, disabled, or the password wrong, then the answer is the same 401', async () => {
    const answers = await Promise.all(
      [
        ['admin', 'wrong-password'],
        ['nobody', 'Correct-Horse-42'],
        ['gone', 'Correct-Horse-42'],
      ].map(async ([u, p]) => {
        const res = await new ApiClient(app.url).login(u!, p!);
        return { status: res.status, body: res.body };
      }),
    );
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]!.status).toBe(401);
    expect(answers[0]!.body.title).toBe('Nama pengguna atau kata sandi salah.');
  });

  it('when logging in twice, then each login gets a new token and the old one stops working', async () => {
    const c = new ApiClient(app.url);
    await c.login('admin', 'Correct-Horse-42');
    const first = c.jar.get('siar_session');
    await c.login('admin', 'Correct-Horse-42');
    expect(c.jar.get('siar_session')).not.toBe(first);
    const old = new ApiClient(app.url);
    old.jar.set('siar_session', first!);
    expect((await old.get('/api/auth/me')).status).toBe(401);
  });

  it('when logged out, then the session is gone on the server too', async () => {
    const c = new ApiClient(app.url);
    await c.login('admin', 'Correct-Horse-42');
    const token = c.jar.get('siar_session')!;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const replay = new ApiClient(app.url);
    replay.jar.set('siar_session', token);
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('when the session was idle for more than 30 minutes, then it has expired', async () => {
    const c = new ApiClient(app.url);
    await c.login('admin', 'Correct-Horse-42');
    await t.db.updateTable('session').set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() }).execute();
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('when the session is older than 12 hours, then it has expired however active it was', async () => {
    const c = new ApiClient(app.url);
    await c.login('admin', 'Correct-Horse-42');
    await t.db.updateTable('session').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('when the body is not JSON, then the answer is a translated 400 problem', async () => {
    const c = new ApiClient(app.url);
    await c.get('/api/auth/me');
    const res = await c.request('POST', '/api/auth/login', undefined, { raw: '{"username": ' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'malformed_json', status: 400 });
    const en = await c.request('POST', '/api/auth/login', undefined, { raw: '{', headers: { 'accept-language': 'en-US' } });
    expect(en.body.title).toBe('The request body is not valid JSON.');
  });

  it('when a field is missing, then the problem names it', async () => {
    const c = new ApiClient(app.url);
    const res = await c.login('admin', '');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password', message: 'Wajib diisi.' })]);
  });
});
