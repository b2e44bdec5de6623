import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createXOAuth, saveCredentials } from '@siar/shared/node';
import { consent } from '../emulators/x/x-emulator.client';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';
import { createFaultEnv, deliveryStatuses, isTerminal, liveCopies, schedulePosts, waitFor, WorkerProcess, type TFaultEnv } from '../reliability/fault-harness';

let env: TFaultEnv;
const workers: WorkerProcess[] = [];
const emu = async (path: string, body?: unknown): Promise<unknown> => {
  const res = await fetch(`${env.emulator.url}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
};

beforeAll(async () => {
  env = await createFaultEnv({ accountCount: 1, redisUrl: testRedisUrl(), database: testDatabaseOptions() });
  const redirectUri = 'http://127.0.0.1:9/api/oauth/x/callback';
  await emu('/_emulator/apps', { clientId: 'siar-test', redirectUris: [redirectUri] });
  // The account's tokens come from a real OAuth exchange: they expire and rotate like X's.
  const oauth = createXOAuth({ apiBaseUrl: env.emulator.url, requestTimeoutMs: 5000, clientId: 'siar-test', authorizeBaseUrl: env.emulator.url });
  const { url, codeVerifier } = oauth.authorizeUrl({ state: 'test-state', redirectUri });
  const back = await consent(url, { decision: 'approve', userId: env.accounts[0]!.external_id });
  const code = new URL(back.location!).searchParams.get('code')!;
  await saveCredentials(env.t.db, env.t.ring, env.accounts[0]!.id, await oauth.exchange({ code, codeVerifier, redirectUri }));
  Object.assign(env.workerEnv, { X_CLIENT_ID: 'siar-test', X_AUTHORIZE_BASE_URL: env.emulator.url, SIAR_WORKER_CONCURRENCY: '1' });
  for (let i = 0; i < 2; i++) {
    const w = new WorkerProcess(env.workerEnv);
    w.start();
    workers.push(w);
  }
  await new Promise((r) => setTimeout(r, 3000));
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await env.close();
});

async function publishTwo(label: string) {
  const at = new Date(Date.now() + 1000);
  const rows = await schedulePosts(env, [0, 1].map((i) => ({ accountIndex: 0, text: `${label} ${i} ${at.getTime()}`, at })));
  await waitFor(async () => (await deliveryStatuses(env)).filter((d) => rows.some((r) => r.deliveryId === d.id)).every((d) => isTerminal(d.status)), 30_000, 200);
  return rows;
}

describe('token refresh across worker processes', () => {
  it('when two workers meet the same expired token at once, then X sees exactly one refresh and both posts are published', async () => {
    await emu('/_emulator/clock', { advanceMs: 2 * 3600_000 + 60_000 });
    const before = (await emu('/_emulator/stats')) as { refreshCalls: number };
    const rows = await publishTwo('Segar');
    const statuses = (await deliveryStatuses(env)).filter((d) => rows.some((r) => r.deliveryId === d.id));
    expect(statuses.map((d) => d.status)).toEqual(['published', 'published']);
    const after = (await emu('/_emulator/stats')) as { refreshCalls: number };
    expect(after.refreshCalls - before.refreshCalls).toBe(1);
    const copies = await liveCopies(env);
    for (const d of statuses) expect(copies.get(d.text)).toBe(1);
  }, 60_000);

  it('when a refresh fails with a 5xx, then the account stays connected and the post is retried', async () => {
    await emu('/_emulator/clock', { advanceMs: 2 * 3600_000 + 60_000 });
    await emu('/_emulator/faults', { refreshErrorRate: 1 });
    const at = new Date(Date.now() + 500);
    const [row] = await schedulePosts(env, [{ accountIndex: 0, text: `Sementara ${at.getTime()}`, at }]);
    await waitFor(async () => (await env.t.db.selectFrom('delivery').select('attempt').where('id', '=', row!.deliveryId).executeTakeFirstOrThrow()).attempt >= 1 && (await env.t.db.selectFrom('delivery').select('status').where('id', '=', row!.deliveryId).executeTakeFirstOrThrow()).status === 'scheduled', 20_000, 200);
    expect((await env.t.db.selectFrom('social_account').select('status').where('id', '=', env.accounts[0]!.id).executeTakeFirstOrThrow()).status).toBe('active');
    await emu('/_emulator/faults', { refreshErrorRate: 0 });
    expect(await waitFor(async () => (await env.t.db.selectFrom('delivery').select('status').where('id', '=', row!.deliveryId).executeTakeFirstOrThrow()).status === 'published', 30_000, 250)).toBe(true);
  }, 60_000);

  it('when X refuses the refresh token, then the account needs reconnecting and the delivery fails with that reason', async () => {
    await emu('/_emulator/clock', { advanceMs: 2 * 3600_000 + 60_000 });
    await emu('/_emulator/faults', { refreshInvalidGrant: 5 });
    const at = new Date(Date.now() + 500);
    const [row] = await schedulePosts(env, [{ accountIndex: 0, text: `Dicabut ${at.getTime()}`, at }]);
    expect(await waitFor(async () => (await env.t.db.selectFrom('delivery').select('status').where('id', '=', row!.deliveryId).executeTakeFirstOrThrow()).status === 'failed', 20_000, 200)).toBe(true);
    const d = await env.t.db.selectFrom('delivery').select('last_error').where('id', '=', row!.deliveryId).executeTakeFirstOrThrow();
    expect(JSON.parse(d.last_error!).kind).toBe('account_disconnected');
    expect((await env.t.db.selectFrom('social_account').select('status').where('id', '=', env.accounts[0]!.id).executeTakeFirstOrThrow()).status).toBe('needs_reconnect');
  }, 60_000);
});
