import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiResponseError, type TwitterApi } from 'twitter-api-v2';
import { createXClient } from '@siar/shared/node';
import { startXEmulator, type TXEmulator } from '../emulators/x/x-emulator';
import { consent, emulatorAppClient } from '../emulators/x/x-emulator.client';

const REDIRECT = 'http://127.0.0.1:4000/api/accounts/x/callback';
const SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'media.write'];
const PUBLIC_APP = { clientId: 'siar-public', redirectUris: [REDIRECT], name: 'Siar <Dinkes> & "Co"' };
const CONFIDENTIAL_APP = { clientId: 'siar-confidential', clientSecret: 's3cret+/=', redirectUris: [REDIRECT] };

let emulator: TXEmulator;
const post = (path: string, body: unknown) => fetch(`${emulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const stats = async () => (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as { tokenCalls: number; refreshCalls: number; revokeCalls: number };
const bearer = (accessToken: string) => createXClient({ apiBaseUrl: emulator.url, requestTimeoutMs: 2000 }, accessToken);
const appClient = (app: { clientId: string; clientSecret?: string } = PUBLIC_APP) => emulatorAppClient(emulator.url, app);

async function failure(promise: Promise<unknown>): Promise<ApiResponseError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ApiResponseError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

/** The consent flow up to the callback: the link, the person approving, the code. */
async function authorize(client: TwitterApi = appClient(), scope = SCOPES) {
  const link = client.generateOAuth2AuthLink(REDIRECT, { scope });
  const answer = await consent(link.url, { decision: 'approve', userId: '42' });
  expect(answer.status).toBe(302);
  const back = new URL(answer.location!);
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
  expect(back.searchParams.get('state')).toBe(link.state);
  return { code: back.searchParams.get('code')!, codeVerifier: link.codeVerifier, link };
}

async function login(client: TwitterApi = appClient(), scope = SCOPES) {
  const { code, codeVerifier } = await authorize(client, scope);
  return client.loginWithOAuth2({ code, codeVerifier, redirectUri: REDIRECT });
}

beforeAll(async () => {
  emulator = await startXEmulator({ apps: [PUBLIC_APP] });
  await post('/_emulator/users', { id: '42', username: 'dinkes_kabtng', name: 'Dinkes', accessToken: 'token-42' });
  await post('/_emulator/users', { id: '43', username: 'humas_kab', name: 'Humas', accessToken: 'token-43' });
  await post('/_emulator/apps', CONFIDENTIAL_APP);
});
beforeEach(async () => {
  await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' });
});
afterAll(async () => emulator.close());

describe('X emulator: OAuth 2.0 authorization code with PKCE', () => {
  it('when a person approves and the code is exchanged, then the token identifies them on users/me and can post', async () => {
    const result = await login();
    expect(result).toMatchObject({ expiresIn: 7200, scope: SCOPES });
    expect(result.refreshToken).toEqual(expect.any(String));
    expect((await bearer(result.accessToken).v2.me()).data).toEqual({ id: '42', name: 'Dinkes', username: 'dinkes_kabtng' });
    expect((await result.client.v2.tweet('Halo dari OAuth')).data.text).toBe('Halo dari OAuth');
  });

  it('when the consent page is shown, then it names the app, escaped, the scopes and every registered user', async () => {
    const html = await (await fetch(appClient().generateOAuth2AuthLink(REDIRECT, { scope: SCOPES }).url)).text();
    expect(html).toContain('Siar &#60;Dinkes&#62; &#38; &#34;Co&#34;');
    expect(html).not.toContain('<Dinkes>');
    for (const s of SCOPES) expect(html).toContain(`<li>${s}</li>`);
    expect(html).toMatch(/data-testid="x-authorize-user"[\s\S]*value="42"[\s\S]*value="43"/);
    expect(html).toContain('data-testid="x-authorize-approve"');
    expect(html).toContain('data-testid="x-authorize-deny"');
  });

  it('when the person picks another account, then the token is that account', async () => {
    const client = appClient();
    const link = client.generateOAuth2AuthLink(REDIRECT, { scope: SCOPES });
    const code = new URL((await consent(link.url, { decision: 'approve', userId: '43' })).location!).searchParams.get('code')!;
    const { accessToken } = await client.loginWithOAuth2({ code, codeVerifier: link.codeVerifier, redirectUri: REDIRECT });
    expect((await bearer(accessToken).v2.me()).data.username).toBe('humas_kab');
  });

  it('when the person cancels, then X redirects with access_denied and the state, without a code', async () => {
    const link = appClient().generateOAuth2AuthLink(REDIRECT, { scope: SCOPES });
    const answer = await consent(link.url, { decision: 'deny' });
    expect(answer.status).toBe(302);
    const back = new URL(answer.location!);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(link.state);
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('when the redirect_uri is not registered, then an error page is shown and nothing redirects', async () => {
    const link = appClient().generateOAuth2AuthLink('http://127.0.0.1:4000/elsewhere', { scope: SCOPES });
    const page = await fetch(link.url, { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
    expect(await page.text()).toContain('redirect_uri does not match');
    // Nor can the form be replayed with another address.
    const url = new URL(appClient().generateOAuth2AuthLink(REDIRECT, { scope: SCOPES }).url);
    const form = new URLSearchParams(url.search);
    form.set('redirect_uri', 'https://evil.example/cb');
    form.set('user_id', '42');
    form.set('decision', 'approve');
    const res = await fetch(`${emulator.url}/i/oauth2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    expect([res.status, res.headers.get('location')]).toEqual([400, null]);
  });

  it('when the client is unknown, the method is plain or a scope is unknown, then the authorize page refuses', async () => {
    const url = new URL(appClient().generateOAuth2AuthLink(REDIRECT, { scope: SCOPES }).url);
    const variants: Record<string, string>[] = [{ client_id: 'nobody' }, { code_challenge_method: 'plain' }, { scope: 'tweet.read everything' }, { response_type: 'token' }];
    for (const change of variants) {
      const bad = new URL(url);
      for (const [k, v] of Object.entries(change)) bad.searchParams.set(k, v);
      expect((await fetch(bad, { redirect: 'manual' })).status, JSON.stringify(change)).toBe(400);
    }
    url.searchParams.set('code_challenge_method', 'S256');
    expect((await fetch(url)).status).toBe(200);
  });

  it('when a code is used twice, then the second exchange is invalid_grant', async () => {
    const client = appClient();
    const { code, codeVerifier } = await authorize(client);
    await client.loginWithOAuth2({ code, codeVerifier, redirectUri: REDIRECT });
    const e = await failure(client.loginWithOAuth2({ code, codeVerifier, redirectUri: REDIRECT }));
    expect(e.code).toBe(400);
    expect(e.data).toMatchObject({ error: 'invalid_grant' });
  });

  it('when the code is exchanged after 31 s, then it has expired: invalid_grant', async () => {
    const client = appClient();
    const { code, codeVerifier } = await authorize(client);
    await post('/_emulator/clock', { advanceMs: 31_000 });
    const e = await failure(client.loginWithOAuth2({ code, codeVerifier, redirectUri: REDIRECT }));
    expect([e.code, e.data.error]).toEqual([400, 'invalid_grant']);
  });

  it('when the code verifier does not match the challenge, or the redirect_uri differs, then invalid_grant', async () => {
    const client = appClient();
    const first = await authorize(client);
    const e = await failure(client.loginWithOAuth2({ code: first.code, codeVerifier: `${first.codeVerifier.slice(1)}x`, redirectUri: REDIRECT }));
    expect([e.code, e.data.error]).toEqual([400, 'invalid_grant']);
    const second = await authorize(client);
    const f = await failure(client.loginWithOAuth2({ code: second.code, codeVerifier: second.codeVerifier, redirectUri: `${REDIRECT}?x=1` }));
    expect([f.code, f.data.error]).toEqual([400, 'invalid_grant']);
  });

  it('when offline.access is not asked for, then no refresh token is issued', async () => {
    const result = await login(appClient(), ['tweet.read', 'users.read']);
    expect(result.refreshToken).toBeUndefined();
    // Reading works; posting needs tweet.write, as on X.
    expect((await bearer(result.accessToken).v2.me()).data.id).toBe('42');
    expect((await failure(bearer(result.accessToken).v2.tweet('Tanpa izin'))).code).toBe(403);
  });
});

describe('X emulator: tokens over time', () => {
  it('when a refresh token is used, then it rotates: the old refresh and access tokens stop working', async () => {
    const client = appClient();
    const first = await login(client);
    const second = await client.refreshOAuth2Token(first.refreshToken!);
    expect(second.refreshToken).toEqual(expect.any(String));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect((await bearer(second.accessToken).v2.me()).data.id).toBe('42');
    expect((await failure(bearer(first.accessToken).v2.me())).code).toBe(401);
    const e = await failure(client.refreshOAuth2Token(first.refreshToken!));
    expect(e.code).toBe(400);
    expect(e.data).toMatchObject({ error: 'invalid_request', error_description: 'Value passed for the token was invalid.' });
    expect((await client.refreshOAuth2Token(second.refreshToken!)).accessToken).toEqual(expect.any(String));
  });

  it('when two hours pass, then the OAuth access token answers 401 while registered tokens keep working', async () => {
    const client = appClient();
    const { accessToken, refreshToken } = await login(client);
    await post('/_emulator/clock', { advanceMs: 7_199_000 });
    expect((await bearer(accessToken).v2.me()).data.id).toBe('42');
    const clock = (await (await post('/_emulator/clock', { advanceMs: 1000 })).json()) as { nowMs: number; offsetMs: number };
    expect(clock.offsetMs).toBe(7_200_000);
    expect(await (await fetch(`${emulator.url}/_emulator/clock`)).json()).toMatchObject({ offsetMs: 7_200_000 });
    expect((await failure(bearer(accessToken).v2.me())).code).toBe(401);
    expect((await failure(bearer(accessToken).v2.tweet('Kedaluwarsa'))).code).toBe(401);
    expect((await bearer('token-42').v2.me()).data.id).toBe('42');
    const renewed = await client.refreshOAuth2Token(refreshToken!);
    expect((await bearer(renewed.accessToken).v2.me()).data.id).toBe('42');
  });

  it('when the access token is revoked, then it stops working but the refresh token still renews', async () => {
    const client = appClient();
    const { accessToken, refreshToken } = await login(client);
    expect(await client.revokeOAuth2Token(accessToken, 'access_token')).toEqual({ revoked: true });
    expect((await failure(bearer(accessToken).v2.me())).code).toBe(401);
    expect((await client.refreshOAuth2Token(refreshToken!)).accessToken).toEqual(expect.any(String));
  });

  it('when the refresh token is revoked, then it and its access token stop working, and revoking again still answers revoked', async () => {
    const client = appClient();
    const { accessToken, refreshToken } = await login(client);
    expect(await client.revokeOAuth2Token(refreshToken!, 'refresh_token')).toEqual({ revoked: true });
    expect((await failure(bearer(accessToken).v2.me())).code).toBe(401);
    expect((await failure(client.refreshOAuth2Token(refreshToken!))).code).toBe(400);
    expect(await client.revokeOAuth2Token(accessToken, 'access_token')).toEqual({ revoked: true });
  });

  it('when the token endpoint gets a form-encoded body, then it answers as for JSON', async () => {
    const { refreshToken } = await login();
    const res = await fetch(`${emulator.url}/2/oauth2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken!, client_id: PUBLIC_APP.clientId }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ token_type: 'bearer', expires_in: 7200, scope: SCOPES.join(' '), refresh_token: expect.any(String) });
  });
});

describe('X emulator: confidential clients, faults and stats', () => {
  it('when a confidential client authenticates with Basic, then it logs in, refreshes and revokes', async () => {
    const client = appClient(CONFIDENTIAL_APP);
    const { accessToken, refreshToken } = await login(client);
    expect((await bearer(accessToken).v2.me()).data.id).toBe('42');
    const renewed = await client.refreshOAuth2Token(refreshToken!);
    expect(await client.revokeOAuth2Token(renewed.refreshToken!, 'refresh_token')).toEqual({ revoked: true });
    expect((await failure(bearer(renewed.accessToken).v2.me())).code).toBe(401);
  });

  it('when the client secret is wrong or missing, then the token and revoke endpoints answer 401 unauthorized_client', async () => {
    const { refreshToken } = await login(appClient(CONFIDENTIAL_APP));
    const wrong = appClient({ ...CONFIDENTIAL_APP, clientSecret: 'not-it' });
    const e = await failure(wrong.refreshOAuth2Token(refreshToken!));
    expect([e.code, e.data.error]).toEqual([401, 'unauthorized_client']);
    expect((await failure(wrong.revokeOAuth2Token(refreshToken!, 'refresh_token'))).code).toBe(401);
    const noSecret = appClient({ clientId: CONFIDENTIAL_APP.clientId });
    expect((await failure(noSecret.refreshOAuth2Token(refreshToken!))).code).toBe(401);
    // The refused calls changed nothing.
    expect((await appClient(CONFIDENTIAL_APP).refreshOAuth2Token(refreshToken!)).accessToken).toEqual(expect.any(String));
  });

  it('when a refresh answers 503, then the refresh token stays usable', async () => {
    const client = appClient();
    const { refreshToken } = await login(client);
    await post('/_emulator/faults', { refreshErrorRate: 1 });
    expect((await failure(client.refreshOAuth2Token(refreshToken!))).code).toBe(503);
    await post('/_emulator/faults', { refreshErrorRate: 0 });
    expect((await client.refreshOAuth2Token(refreshToken!)).refreshToken).toEqual(expect.any(String));
  });

  it('when X revokes the app (refreshInvalidGrant), then the next refresh is invalid and the grant is gone', async () => {
    const client = appClient();
    const { accessToken, refreshToken } = await login(client);
    await post('/_emulator/faults', { refreshInvalidGrant: 1 });
    const e = await failure(client.refreshOAuth2Token(refreshToken!));
    expect([e.code, e.data.error]).toEqual([400, 'invalid_request']);
    expect((await failure(client.refreshOAuth2Token(refreshToken!))).code).toBe(400);
    expect((await failure(bearer(accessToken).v2.me())).code).toBe(401);
  });

  it('when tokens are exchanged, refreshed and revoked, then the stats count every call and reset clears them but not the tokens', async () => {
    const client = appClient();
    const { refreshToken } = await login(client);
    const renewed = await client.refreshOAuth2Token(refreshToken!);
    await failure(client.refreshOAuth2Token(refreshToken!));
    await client.revokeOAuth2Token('unknown-token', 'access_token');
    expect(await stats()).toEqual({ tokenCalls: 3, refreshCalls: 2, revokeCalls: 1 });
    await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' });
    expect(await stats()).toEqual({ tokenCalls: 0, refreshCalls: 0, revokeCalls: 0 });
    expect((await bearer(renewed.accessToken).v2.me()).data.id).toBe('42');
    expect((await client.refreshOAuth2Token(renewed.refreshToken!)).accessToken).toEqual(expect.any(String));
  });

  it('when the emulator restarts on the same state file, then apps and issued tokens survive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'x-emu-'));
    const stateFile = join(dir, 'x-emulator.json');
    try {
      const first = await startXEmulator({ stateFile, apps: [PUBLIC_APP] });
      await fetch(`${first.url}/_emulator/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: '42', username: 'dinkes_kabtng', name: 'Dinkes', accessToken: 'token-42' }) });
      const client = emulatorAppClient(first.url, PUBLIC_APP);
      const link = client.generateOAuth2AuthLink(REDIRECT, { scope: SCOPES });
      const code = new URL((await consent(link.url, { decision: 'approve' })).location!).searchParams.get('code')!;
      const { accessToken, refreshToken } = await client.loginWithOAuth2({ code, codeVerifier: link.codeVerifier, redirectUri: REDIRECT });
      await first.close();
      const second = await startXEmulator({ stateFile });
      try {
        expect((await createXClient({ apiBaseUrl: second.url, requestTimeoutMs: 2000 }, accessToken).v2.me()).data.id).toBe('42');
        expect((await emulatorAppClient(second.url, PUBLIC_APP).refreshOAuth2Token(refreshToken!)).accessToken).toEqual(expect.any(String));
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
