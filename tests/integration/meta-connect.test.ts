import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformRegistry, openCredentials, type TMetaAdapterConfig } from '@siar/shared/node';
import { metaConsent, metaControl } from '../emulators/meta/meta-emulator.client';
import { startMetaEmulator, type TMetaEmulator } from '../emulators/meta/meta-emulator';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';
import { buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';

const DAY_MS = 24 * 3600_000;
const PAGE = { id: '104100000000001', name: 'Dinas Kesehatan Kab. Tangerang', username: 'dinkes.kabtng' };
const IG = { id: '17841410000000001', username: 'dinkes.kabtangerang', name: 'Dinkes Kab. Tangerang' };
const PAGE2 = { id: '104100000000002', name: 'Puskesmas Tigaraksa' };
const NO_POSTING = { id: '104100000000003', name: 'Halaman Hanya Analisis' };
const PERSON = { id: '100090000000011', name: 'Budi Santoso' };

let t: TTestDatabase;
let app: TTestApp;
let emulator: TMetaEmulator;
let meta: ReturnType<typeof metaControl>;
let dinkes: Awaited<ReturnType<typeof buildOpd>>;
let camat: Awaited<ReturnType<typeof buildOpd>>;

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  emulator = await startMetaEmulator();
  meta = metaControl(emulator.url);
  const config: TMetaAdapterConfig = { apiBaseUrl: emulator.url, graphVersion: 'v23.0', webBaseUrl: 'https://www.facebook.com', authorizeBaseUrl: emulator.url, requestTimeoutMs: 5000, appId: 'siar-test-app', appSecret: 'siar-test-secret', containerPollMs: 20, containerWaitMs: 2000, postsPer24h: 50 };
  const x = { apiBaseUrl: 'http://127.0.0.1:9', webBaseUrl: 'https://x.com', requestTimeoutMs: 5000, postsPer15MinPerUser: 100, appPostsPer24h: 10_000, authorizeBaseUrl: 'https://x.com' };
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix: 'test-meta-connect', adapters: createPlatformRegistry({ x, facebook: config, instagram: { ...config, webBaseUrl: 'https://www.instagram.com' } }) });
  await meta.app({ appId: 'siar-test-app', appSecret: 'siar-test-secret', redirectUris: [`${app.url}/api/oauth/meta/callback`] });
  await meta.user(PERSON);
  await meta.page({ ...PAGE, userIds: [PERSON.id], instagram: IG });
  await meta.page({ ...PAGE2, userIds: [PERSON.id] });
  await meta.page({ ...NO_POSTING, userIds: [PERSON.id], tasks: ['ANALYZE'] });
  dinkes = await buildOpd(t.db, { name: 'Dinas Kesehatan' });
  camat = await buildOpd(t.db, { name: 'Kecamatan Tigaraksa' });
  await buildUser(t.db, { username: 'op', role: 'operator', opdIds: [dinkes.id] });
  await buildUser(t.db, { username: 'admin', role: 'admin' });
  await buildUser(t.db, { username: 'pengawas', role: 'supervisor' });
});
afterAll(async () => {
  await app?.close();
  await emulator?.close();
  await t?.close();
});

async function login(username: string) {
  const c = new ApiClient(app.url);
  expect((await c.login(username, 'Test-Password-123')).status).toBe(200);
  return c;
}

/** Starts a connect, continues on Facebook's dialog, and follows Facebook back to Siar's callback. */
async function connect(c: ApiClient, o: { platform?: string; opdId?: string; decision?: 'approve' | 'deny' } = {}) {
  const start = await c.post(`/api/accounts/connect/${o.platform ?? 'facebook'}`, { opdId: o.opdId ?? dinkes.id });
  expect(start.status).toBe(200);
  const back = await metaConsent(start.body.authorizeUrl, { decision: o.decision ?? 'approve', userId: PERSON.id });
  expect(back.status).toBe(302);
  const callback = new URL(back.location!);
  const res = await c.request('GET', callback.pathname + callback.search, undefined, { redirect: 'manual' });
  const location = res.headers.get('location');
  const chooseId = location ? new URL(location, app.url).searchParams.get('connect') : null;
  return { authorizeUrl: new URL(start.body.authorizeUrl as string), res, location, chooseId };
}

const rowsOf = (externalId: string) => t.db.selectFrom('social_account').selectAll().where('external_id', '=', externalId).execute();

describe('connecting Facebook Pages and Instagram accounts through Facebook Login', () => {
  it('when an operator connects, then Facebook Login is asked for the scopes with PKCE, and the Pages the person can post to and their Instagram accounts are offered, without tokens', async () => {
    const c = await login('op');
    const before = (await meta.state()).stats;
    const { authorizeUrl, res, location, chooseId } = await connect(c);
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(`${emulator.url}/v23.0/dialog/oauth`);
    expect(authorizeUrl.searchParams.get('scope')).toBe('pages_show_list,pages_manage_posts,pages_read_engagement,instagram_basic,instagram_content_publish,business_management');
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${app.url}/api/oauth/meta/callback`);
    expect(res.status).toBe(302);
    expect(location).toMatch(/^\/accounts\?connect=[0-9a-f-]{36}&grant=meta$/);
    // The code was exchanged, then exchanged again for a long-lived token.
    const after = (await meta.state()).stats;
    expect([after.exchanges - before.exchanges, after.longLived - before.longLived]).toEqual([1, 1]);

    const choices = await c.get(`/api/accounts/connect/meta/${chooseId}`);
    expect(choices.status).toBe(200);
    expect(choices.body).toMatchObject({ id: chooseId, grant: 'meta', opdId: dinkes.id, opds: [{ id: dinkes.id, name: 'Dinas Kesehatan' }] });
    expect(choices.body.candidates).toEqual([
      { platform: 'facebook', externalId: PAGE.id, handle: PAGE.username, displayName: PAGE.name, linkedTo: null, connected: null, selectable: true },
      { platform: 'instagram', externalId: IG.id, handle: IG.username, displayName: IG.name, linkedTo: PAGE.name, connected: null, selectable: true },
      { platform: 'facebook', externalId: PAGE2.id, handle: PAGE2.id, displayName: PAGE2.name, linkedTo: null, connected: null, selectable: true },
    ]);
    expect(JSON.stringify(choices.body)).not.toMatch(/EAA/);
    // Nothing is connected before the person chooses.
    expect(await t.db.selectFrom('social_account').selectAll().execute()).toEqual([]);
  });

  it('when the operator adds a Page and its Instagram account, then both are stored with sealed Page tokens and the grant expiry, and the choice cannot be used again', async () => {
    const c = await login('op');
    const { chooseId } = await connect(c);
    const added = await c.post(`/api/accounts/connect/meta/${chooseId}`, {
      accounts: [
        { platform: 'facebook', externalId: PAGE.id, opdId: dinkes.id },
        { platform: 'instagram', externalId: IG.id, opdId: dinkes.id },
      ],
    });
    expect(added.status).toBe(200);
    expect(added.body.items).toEqual([
      expect.objectContaining({ platform: 'facebook', externalId: PAGE.id, handle: PAGE.username, opdId: dinkes.id, status: 'active' }),
      expect.objectContaining({ platform: 'instagram', externalId: IG.id, handle: IG.username, opdId: dinkes.id, status: 'active' }),
    ]);
    for (const externalId of [PAGE.id, IG.id]) {
      const [row] = await rowsOf(externalId);
      const credentials = openCredentials(t.ring, row!.id, row!.credentials!);
      expect(credentials.accessToken).toMatch(/^EAAP/);
      expect(row!.credentials).not.toContain(credentials.accessToken);
      expect(credentials.refreshToken).toBeUndefined();
      // The long-lived user token lasts about 60 days; the Page tokens end with it.
      expect(Math.abs(Date.parse(row!.token_expires_at!) - (Date.now() + 60 * DAY_MS))).toBeLessThan(60_000);
    }
    const listed = (await c.get('/api/accounts')).body.items as { externalId: string; reconnectBy: string | null }[];
    expect(listed.find((a) => a.externalId === IG.id)?.reconnectBy).toBe((await rowsOf(IG.id))[0]!.token_expires_at);
    expect(JSON.stringify(listed)).not.toMatch(/EAA/);

    const replay = await c.post(`/api/accounts/connect/meta/${chooseId}`, { accounts: [{ platform: 'facebook', externalId: PAGE2.id, opdId: dinkes.id }] });
    expect(replay.status).toBe(404);
    expect(replay.body.errors).toEqual([expect.objectContaining({ field: 'id', key: 'connect_expired' })]);
    expect((await c.get(`/api/accounts/connect/meta/${chooseId}`)).status).toBe(404);
    expect(await rowsOf(PAGE2.id)).toEqual([]);
    // The used choice keeps no tokens.
    expect((await t.db.selectFrom('pending_connect').select('accounts').where('id', '=', chooseId!).executeTakeFirstOrThrow()).accounts).toBe('');
  });

  it('when the same Page is connected again (through "Hubungkan akun Instagram" too), then its row is updated and reactivated, never duplicated, with the new expiry', async () => {
    const c = await login('op');
    await t.db.updateTable('social_account').set({ status: 'needs_reconnect' }).where('external_id', 'in', [PAGE.id, IG.id]).execute();
    const [before] = await rowsOf(PAGE.id);
    await meta.config({ longTokenTtlS: 5 * 24 * 3600 });
    try {
      const { authorizeUrl, chooseId } = await connect(c, { platform: 'instagram' });
      expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${app.url}/api/oauth/meta/callback`);
      const choices = (await c.get(`/api/accounts/connect/meta/${chooseId}`)).body;
      expect(choices.candidates[0]).toMatchObject({ externalId: PAGE.id, connected: { accountId: before!.id, opdId: dinkes.id, opdName: 'Dinas Kesehatan', status: 'needs_reconnect' }, selectable: true });
      // Asked for another OPD: a reconnect stays in the account's own OPD.
      const added = await c.post(`/api/accounts/connect/meta/${chooseId}`, { accounts: [{ platform: 'facebook', externalId: PAGE.id, opdId: dinkes.id }, { platform: 'instagram', externalId: IG.id, opdId: dinkes.id }] });
      expect(added.status).toBe(200);
    } finally {
      await meta.config({ longTokenTtlS: 60 * 24 * 3600 });
    }
    const rows = await rowsOf(PAGE.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: before!.id, status: 'active', opd_id: dinkes.id });
    expect(await rowsOf(IG.id)).toHaveLength(1);
    expect(Math.abs(Date.parse(rows[0]!.token_expires_at!) - (Date.now() + 5 * DAY_MS))).toBeLessThan(60_000);
    const reconnectBy = ((await c.get('/api/accounts')).body.items as { externalId: string; reconnectBy: string }[]).find((a) => a.externalId === PAGE.id)!.reconnectBy;
    expect(Date.parse(reconnectBy) - Date.now()).toBeLessThan(7 * DAY_MS);
    const audit = await t.db.selectFrom('audit_event').select(['action', 'entity_id']).where('entity_id', '=', before!.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['account.connected', 'account.reconnected']);
  });

  it("when an operator chooses an OPD that is not theirs, or a Page connected to another OPD, then it is refused and nothing changes", async () => {
    const admin = await login('admin');
    const first = await connect(admin, { opdId: camat.id });
    // An admin may put accounts in any OPD; an operator (above) only in theirs.
    expect((await admin.get(`/api/accounts/connect/meta/${first.chooseId}`)).body.opds.map((o: { name: string }) => o.name)).toEqual(['Dinas Kesehatan', 'Kecamatan Tigaraksa']);
    expect((await admin.post(`/api/accounts/connect/meta/${first.chooseId}`, { accounts: [{ platform: 'facebook', externalId: PAGE2.id, opdId: camat.id }] })).status).toBe(200);

    const c = await login('op');
    const { chooseId } = await connect(c);
    const snapshot = await t.db.selectFrom('social_account').selectAll().orderBy('id').execute();
    const otherOpd = await c.post(`/api/accounts/connect/meta/${chooseId}`, { accounts: [{ platform: 'facebook', externalId: PAGE.id, opdId: camat.id }] });
    expect(otherOpd.status).toBe(404);
    expect(otherOpd.body.errors).toEqual([expect.objectContaining({ field: 'accounts.0.opdId', key: 'opd_not_found' })]);

    const choices = (await c.get(`/api/accounts/connect/meta/${chooseId}`)).body;
    expect(choices.candidates.find((a: { externalId: string }) => a.externalId === PAGE2.id)).toMatchObject({ connected: { opdId: camat.id, opdName: 'Kecamatan Tigaraksa' }, selectable: false });
    const taken = await c.post(`/api/accounts/connect/meta/${chooseId}`, { accounts: [{ platform: 'facebook', externalId: PAGE2.id, opdId: dinkes.id }] });
    expect(taken.status).toBe(400);
    expect(taken.body.errors).toEqual([expect.objectContaining({ field: 'accounts.0', key: 'account_other_opd', message: 'Akun ini sudah terhubung ke OPD lain. Hubungi admin Diskominfo.' })]);

    const notOffered = await c.post(`/api/accounts/connect/meta/${chooseId}`, { accounts: [{ platform: 'facebook', externalId: NO_POSTING.id, opdId: dinkes.id }] });
    expect(notOffered.status).toBe(400);
    expect(notOffered.body.errors).toEqual([expect.objectContaining({ field: 'accounts.0', key: 'account_not_offered' })]);
    const badBody = await c.post(`/api/accounts/connect/meta/${chooseId}`, { accounts: [] });
    expect(badBody.status).toBe(400);
    expect(await t.db.selectFrom('social_account').selectAll().orderBy('id').execute()).toEqual(snapshot);
    // Refusals leave the choice usable.
    expect((await c.get(`/api/accounts/connect/meta/${chooseId}`)).status).toBe(200);
  });

  it('when a connect id has expired, belongs to another session, or is unknown, then it is refused', async () => {
    const c = await login('op');
    const { chooseId } = await connect(c);
    const stranger = await login('op');
    expect((await stranger.get(`/api/accounts/connect/meta/${chooseId}`)).status).toBe(404);
    expect((await stranger.post(`/api/accounts/connect/meta/${chooseId}`, { accounts: [{ platform: 'facebook', externalId: PAGE.id, opdId: dinkes.id }] })).status).toBe(404);
    expect((await c.get('/api/accounts/connect/meta/7d1f3a52-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await c.get('/api/accounts/connect/meta/not-a-uuid')).status).toBe(404);
    expect((await c.get(`/api/accounts/connect/x/${chooseId}`)).status).toBe(404);

    await t.db.updateTable('pending_connect').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', chooseId!).execute();
    const expired = await c.request('GET', `/api/accounts/connect/meta/${chooseId}`, undefined, { headers: { 'accept-language': 'en' } });
    expect(expired.status).toBe(404);
    expect(expired.body.errors[0].message).toMatch(/already used or has expired/);
    expect((await c.post(`/api/accounts/connect/meta/${chooseId}`, { accounts: [{ platform: 'facebook', externalId: PAGE.id, opdId: dinkes.id }] })).status).toBe(404);
  });

  it('when consent is denied at Facebook, then an Indonesian page says so and nothing is kept; a supervisor cannot connect at all', async () => {
    const c = await login('op');
    const pendingBefore = await t.db.selectFrom('pending_connect').select('id').execute();
    const { res } = await connect(c, { decision: 'deny' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Izin tidak diberikan');
    expect(await t.db.selectFrom('pending_connect').select('id').execute()).toEqual(pendingBefore);

    const s = await login('pengawas');
    expect((await s.post('/api/accounts/connect/facebook', { opdId: dinkes.id })).status).toBe(403);
    expect((await s.get(`/api/accounts/connect/meta/${pendingBefore[0]!.id}`)).status).toBe(403);
  });

  it('when a Facebook account is disconnected, then its credentials are deleted', async () => {
    const c = await login('op');
    const [row] = await rowsOf(IG.id);
    expect((await c.request('DELETE', `/api/accounts/${row!.id}`)).status).toBe(204);
    expect(await t.db.selectFrom('social_account').select(['credentials', 'token_expires_at', 'status']).where('id', '=', row!.id).executeTakeFirstOrThrow()).toEqual({ credentials: null, token_expires_at: null, status: 'disabled' });
  });
});
