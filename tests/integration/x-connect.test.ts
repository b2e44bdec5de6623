import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformRegistry, openCredentials } from '@siar/shared/node';
import { consent } from '../emulators/x/x-emulator.client';
import { startXEmulator, type TXEmulator } from '../emulators/x/x-emulator';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';
import { buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';

let t: TTestDatabase;
let app: TTestApp;
let emulator: TXEmulator;
let dinkes: Awaited<ReturnType<typeof buildOpd>>;
let camat: Awaited<ReturnType<typeof buildOpd>>;
const post = (path: string, body: unknown) => fetch(`${emulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  emulator = await startXEmulator();
  const x = { apiBaseUrl: emulator.url, webBaseUrl: 'https://x.com', requestTimeoutMs: 5000, postsPer15MinPerUser: 100, appPostsPer24h: 10_000, authorizeBaseUrl: emulator.url, clientId: 'siar-test' };
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-x-connect', adapters: createPlatformRegistry({ x }) });
  await post('/_emulator/apps', { clientId: 'siar-test', redirectUris: [`${app.url}/api/oauth/x/callback`] });
  await post('/_emulator/users', { id: '777', username: 'dinkes_baru', name: 'Dinkes Baru', accessToken: 'unused-static-token' });
  dinkes = await buildOpd(t.db, { name: 'Dinas Kesehatan' });
  camat = await buildOpd(t.db, { name: 'Kecamatan Tigaraksa' });
  await buildUser(t.db, { username: 'op', role: 'operator', opdIds: [dinkes.id] });
  await buildUser(t.db, { username: 'pengawas', role: 'supervisor' });
});
afterAll(async () => {
  await app.close();
  await emulator.close();
  await t.close();
});

async function operator() {
  const c = new ApiClient(app.url);
  await c.login('op', 'Test-Password-123');
  return c;
}

/** Starts a connect, consents at the emulator, and follows X back to Siar's callback. */
async function connect(c: ApiClient, decision: 'approve' | 'deny' = 'approve') {
  const start = await c.post('/api/accounts/connect/x', { opdId: dinkes.id });
  expect(start.status).toBe(200);
  const back = await consent(start.body.authorizeUrl, { decision, userId: '777' });
  expect(back.status).toBe(302);
  const callback = new URL(back.location!);
  return { callbackPath: callback.pathname + callback.search, res: await c.request('GET', callback.pathname + callback.search, undefined, { redirect: 'manual' }) };
}

describe('connecting an X account', () => {
  it('when an operator connects an X account, then X is asked with PKCE and the account is stored with sealed tokens', async () => {
    const c = await operator();
    const start = await c.post('/api/accounts/connect/x', { opdId: dinkes.id });
    const url = new URL(start.body.authorizeUrl);
    expect(url.origin).toBe(emulator.url);
    expect(url.searchParams.get('code_challenge_method')?.toLowerCase()).toBe('s256');
    expect(url.searchParams.get('scope')).toBe('tweet.read tweet.write users.read offline.access media.write');
    const { res } = await connect(c);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/accounts?connected=dinkes_baru');
    const accounts = (await c.get('/api/accounts')).body.items;
    expect(accounts).toEqual([expect.objectContaining({ handle: 'dinkes_baru', externalId: '777', status: 'active', opdId: dinkes.id })]);
    const row = await t.db.selectFrom('social_account').selectAll().where('external_id', '=', '777').executeTakeFirstOrThrow();
    const creds = openCredentials(t.ring, row.id, row.credentials!);
    expect(row.credentials).not.toContain(creds.accessToken);
    expect(creds.refreshToken).toBeTruthy();
    expect(JSON.stringify(accounts)).not.toContain(creds.accessToken);
  });

  it('when the same X user is connected again, then it is a reconnect of the same account, not a duplicate', async () => {
    const c = await operator();
    await t.db.updateTable('social_account').set({ status: 'needs_reconnect' }).where('external_id', '=', '777').execute();
    const { res } = await connect(c);
    expect(res.headers.get('location')).toBe('/accounts?connected=dinkes_baru&reconnected=1');
    const rows = await t.db.selectFrom('social_account').select(['id', 'status']).where('external_id', '=', '777').execute();
    expect(rows).toEqual([expect.objectContaining({ status: 'active' })]);
  });

  it('when consent is denied, then a page in Indonesian says so and nothing is stored', async () => {
    const c = await operator();
    const before = await t.db.selectFrom('social_account').selectAll().execute();
    const { res } = await connect(c, 'deny');
    expect(res.status).toBe(400);
    expect(res.body).toContain('Izin tidak diberikan');
    expect(await t.db.selectFrom('social_account').selectAll().execute()).toEqual(before);
  });

  it('when the callback is replayed, comes from another session, or names an unknown state, then it is refused and nothing is stored', async () => {
    const c = await operator();
    const { callbackPath } = await connect(c);
    const before = await t.db.selectFrom('social_account').selectAll().execute();
    const replay = await c.request('GET', callbackPath, undefined, { redirect: 'manual' });
    expect(replay.status).toBe(400);
    expect(replay.body).toContain('data-reason="state_used"');

    const start = await c.post('/api/accounts/connect/x', { opdId: dinkes.id });
    const back = await consent(start.body.authorizeUrl, { decision: 'approve', userId: '777' });
    const stranger = await operator();
    const other = await stranger.request('GET', new URL(back.location!).pathname + new URL(back.location!).search, undefined, { redirect: 'manual' });
    expect(other.body).toContain('data-reason="state_session"');

    const unknown = await c.request('GET', '/api/oauth/x/callback?state=nope&code=x', undefined, { redirect: 'manual', headers: { 'accept-language': 'en' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('This connection request is unknown');
    expect(await t.db.selectFrom('social_account').selectAll().execute()).toEqual(before);

    // Each refusal is on the audit record, with its reason and who was signed in.
    const refused = await t.db.selectFrom('audit_event').select(['actor_id', 'details']).where('action', '=', 'account.connect_refused').orderBy('seq').execute();
    expect(refused.slice(-3).map((e) => JSON.parse(e.details).reason)).toEqual(['state_used', 'state_session', 'state_unknown']);
    expect(refused.slice(-3).every((e) => e.actor_id !== null)).toBe(true);
  });

  it("when an operator names another OPD, or a supervisor tries, then connecting is refused", async () => {
    const c = await operator();
    expect((await c.post('/api/accounts/connect/x', { opdId: camat.id })).status).toBe(404);
    const s = new ApiClient(app.url);
    await s.login('pengawas', 'Test-Password-123');
    expect((await s.post('/api/accounts/connect/x', { opdId: dinkes.id })).status).toBe(403);
  });

  it('when an account is disconnected, then its token is revoked at X and its credentials are gone', async () => {
    const c = await operator();
    const row = await t.db.selectFrom('social_account').selectAll().where('external_id', '=', '777').executeTakeFirstOrThrow();
    const token = openCredentials(t.ring, row.id, row.credentials!).accessToken;
    expect((await fetch(`${emulator.url}/2/users/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await c.request('DELETE', `/api/accounts/${row.id}`)).status).toBe(204);
    expect((await fetch(`${emulator.url}/2/users/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect(await t.db.selectFrom('social_account').select(['credentials', 'status']).where('id', '=', row.id).executeTakeFirstOrThrow()).toEqual({ credentials: null, status: 'disabled' });
  });
});
