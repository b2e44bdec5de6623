import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createPublishQueue, createRedis, type TPublishQueue } from '@siar/shared/node';
import { createApp } from '../../server/src/app';
import { createPublishScheduler } from '../../server/src/libraries/queue/publish-scheduler';
import { ApiClient } from '../support/api-client';
import { buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

const PREFIX = 'test-auth-hardening';
let t: TTestDatabase;
let server: Server;
let url: string;
let redis: ReturnType<typeof createRedis>;
let queue: TPublishQueue;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const eventsOf = (action: string, username: string) =>
  t.db
    .selectFrom('audit_event')
    .selectAll()
    .where('action', '=', action)
    .execute()
    .then((rows) => rows.filter((r) => JSON.parse(r.details).username === username));

/** A browser at a given address (the app trusts one proxy, so X-Forwarded-For is the client). */
async function browserAt(ip: string) {
  const c = new ApiClient(url);
  await c.request('GET', '/api/auth/me', undefined, { headers: { 'x-forwarded-for': ip } });
  return {
    client: c,
    login: (username: string, password: string, headers: Record<string, string> = {}) =>
      c.request('POST', '/api/auth/login', { username, password }, { headers: { 'x-forwarded-for': ip, ...headers } }),
    request: (method: string, path: string, body?: unknown) => c.request(method, path, body, { headers: { 'x-forwarded-for': ip } }),
  };
}

async function failTimes(ip: string, username: string, times: number) {
  const b = await browserAt(ip);
  for (let i = 0; i < times; i++) expect((await b.login(username, `wrong-guess-${i}`)).status).toBe(401);
}

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  const logger = createLogger({ name: 'test-server', level: 'silent' });
  redis = createRedis(testRedisUrl(), 'producer');
  redis.on('error', () => undefined);
  queue = createPublishQueue(redis, PREFIX);
  queue.on('error', () => undefined);
  const app = createApp({
    db: t.db,
    redis,
    scheduler: createPublishScheduler(queue, redis, logger),
    queues: [queue],
    prefix: PREFIX,
    logger,
    trustProxy: 1,
    ring: t.ring,
    adapters: new Map(),
  });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await queue.close().catch(() => undefined);
  redis.disconnect();
  await t.close();
});

describe('login throttling', () => {
  it('when a username fails 10 times, then the next attempt is refused with a translated 429 and Retry-After, even with the right password', async () => {
    await buildUser(t.db, { username: 'target' });
    await failTimes('10.0.0.1', 'target', 10);
    const b = await browserAt('10.0.0.1');
    const refused = await b.login('target', 'Test-Password-123');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ code: 'rate_limited', title: 'Terlalu banyak permintaan. Coba lagi nanti.' });
    const en = await b.login('target', 'Test-Password-123', { 'accept-language': 'en' });
    expect(en.status).toBe(429);
    expect(en.body.title).toBe('Too many requests. Try again later.');
    expect(await eventsOf('auth.login_failed', 'target')).toHaveLength(10);
    const throttled = await eventsOf('auth.login_throttled', 'target');
    expect(throttled).toHaveLength(2);
    expect(JSON.parse(throttled[0]!.details)).toMatchObject({ username: 'target', ip: '10.0.0.1', retryAfterSeconds: expect.any(Number) });
    expect(JSON.stringify(await t.db.selectFrom('audit_event').select('details').execute())).not.toContain('wrong-guess');
  });

  it('when the wait has passed, then the real user gets in; a further failure doubles the wait', async () => {
    await buildUser(t.db, { username: 'patient' });
    await failTimes('10.0.1.1', 'patient', 10);
    const b = await browserAt('10.0.1.1');
    const first = await b.login('patient', 'wrong-again');
    expect(first.status).toBe(429);
    await sleep(Number(first.headers.get('retry-after')) * 1000 + 100);
    expect((await b.login('patient', 'wrong-again')).status).toBe(401);
    const doubled = await b.login('patient', 'Test-Password-123');
    expect(doubled.status).toBe(429);
    expect(Number(doubled.headers.get('retry-after'))).toBe(2);
    await sleep(2_100);
    expect((await b.login('patient', 'Test-Password-123')).status).toBe(200);
  });

  it('when failures pile up, then the wait stops growing at 15 minutes', async () => {
    await buildUser(t.db, { username: 'capped' });
    await failTimes('10.0.2.1', 'capped', 10);
    // Stand-in for hours of failures: the username's count as if 40 had been made.
    await redis.hset(`${PREFIX}:login:user:capped`, 'n', 40);
    const res = await (await browserAt('10.0.2.2')).login('capped', 'Test-Password-123');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBe(900);
  });

  it('when someone guesses at a username from elsewhere, then the real user still gets in where they usually sign in', async () => {
    await buildUser(t.db, { username: 'siti' });
    const office = await browserAt('10.0.3.1');
    expect((await office.login('siti', 'Test-Password-123')).status).toBe(200);
    await failTimes('198.51.100.7', 'siti', 10);
    const attacker = await browserAt('198.51.100.7');
    expect((await attacker.login('siti', 'another-guess')).status).toBe(429);
    // Her office: only failures made from there count.
    expect((await (await browserAt('10.0.3.1')).login('siti', 'Test-Password-123')).status).toBe(200);
    // A new place (her phone): the per-username wait applies, but only for its length.
    const phone = await browserAt('10.0.3.99');
    const waited = await phone.login('siti', 'Test-Password-123');
    expect(waited.status).toBe(429);
    await sleep(Number(waited.headers.get('retry-after')) * 1000 + 100);
    expect((await phone.login('siti', 'Test-Password-123')).status).toBe(200);
  });

  it('when one address fails on many usernames, then that address is throttled and others are not', async () => {
    await buildUser(t.db, { username: 'rudi' });
    const b = await browserAt('10.0.4.1');
    for (let i = 0; i < 10; i++) expect((await b.login(`nobody${i}`, 'wrong-guess')).status).toBe(401);
    expect((await b.login('rudi', 'Test-Password-123')).status).toBe(429);
    expect((await (await browserAt('10.0.4.2')).login('rudi', 'Test-Password-123')).status).toBe(200);
  });

  it('when 30 guesses arrive at once, then only 10 passwords are checked and the rest are refused and audited', async () => {
    await buildUser(t.db, { username: 'burst' });
    const b = await browserAt('10.0.5.1');
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => b.login('burst', `burst-guess-${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    expect(await eventsOf('auth.login_failed', 'burst')).toHaveLength(10);
    expect(await eventsOf('auth.login_throttled', 'burst')).toHaveLength(20);
  });
});

describe('password policy and change', () => {
  it.each([
    [
      'shorter than 12 characters',
      'Pendek-1234',
      'password_too_short',
      'Kata sandi minimal 12 karakter.',
      'The password must be at least 12 characters long.',
    ],
    [
      'a common password',
      'qwertyuiop123',
      'password_common',
      'Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain, misalnya beberapa kata acak.',
      'This password is too common and easy to guess. Choose another, for example a few random words.',
    ],
    ['a common word dressed up', 'Sunshine2026!!', 'password_common', undefined, undefined],
    [
      'the username',
      'changer-changer',
      'password_like_username',
      'Kata sandi tidak boleh sama dengan atau memuat nama pengguna.',
      'The password must not be or contain the username.',
    ],
  ])(
    'when the new password is %s, then it is refused with a translated message and the old one still works',
    async (_name, newPassword, key, id, en) => {
      await t.db.deleteFrom('user').where('username', '=', 'changer').execute();
      await buildUser(t.db, { username: 'changer' });
      const b = await browserAt('10.0.6.1');
      expect((await b.login('changer', 'Test-Password-123')).status).toBe(200);
      const res = await b.request('POST', '/api/auth/password', { currentPassword: 'Test-Password-123', newPassword });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', key })]);
      if (id) expect(res.body.errors[0].message).toBe(id);
      if (en) {
        const english = await b.client.request(
          'POST',
          '/api/auth/password',
          { currentPassword: 'Test-Password-123', newPassword },
          { headers: { 'x-forwarded-for': '10.0.6.1', 'accept-language': 'en' } },
        );
        expect(english.body.errors[0].message).toBe(en);
      }
      expect((await (await browserAt('10.0.6.2')).login('changer', 'Test-Password-123')).status).toBe(200);
    },
  );

  it('when the password is changed, then every other session ends, this one stays, and only the new password works', async () => {
    const user = await buildUser(t.db, { username: 'dewi' });
    const laptop = await browserAt('10.0.7.1');
    const phone = await browserAt('10.0.7.2');
    expect((await laptop.login('dewi', 'Test-Password-123')).status).toBe(200);
    expect((await phone.login('dewi', 'Test-Password-123')).status).toBe(200);
    const wrong = await laptop.request('POST', '/api/auth/password', {
      currentPassword: 'Not-My-Password-1',
      newPassword: 'Gado-Gado-Pedas-2026',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([
      expect.objectContaining({ field: 'currentPassword', key: 'wrong_current_password', message: 'Kata sandi sekarang salah.' }),
    ]);
    expect((await phone.request('GET', '/api/auth/me')).status).toBe(200);
    expect(
      (await laptop.request('POST', '/api/auth/password', { currentPassword: 'Test-Password-123', newPassword: 'Gado-Gado-Pedas-2026' }))
        .status,
    ).toBe(204);
    expect((await laptop.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await phone.request('GET', '/api/auth/me')).status).toBe(401);
    expect(await t.db.selectFrom('session').select('token_hash').where('user_id', '=', user.id).execute()).toHaveLength(1);
    expect((await (await browserAt('10.0.7.3')).login('dewi', 'Test-Password-123')).status).toBe(401);
    expect((await (await browserAt('10.0.7.3')).login('dewi', 'Gado-Gado-Pedas-2026')).status).toBe(200);
    const [changed] = await eventsOf('auth.password_changed', 'dewi');
    expect(JSON.parse(changed!.details)).toMatchObject({ revokedSessions: 1 });
    expect(changed!.details).not.toContain('Gado-Gado');
  });

  it('when nobody is signed in, then changing a password is refused with 401', async () => {
    const b = await browserAt('10.0.8.1');
    expect((await b.request('POST', '/api/auth/password', { currentPassword: 'x', newPassword: 'Gado-Gado-Pedas-2026' })).status).toBe(401);
  });
});
