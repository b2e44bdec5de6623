import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAINTENANCE_QUEUE, PUBLISH_QUEUE } from '@siar/shared';
import { createRedis, openCredentials, saveCredentials } from '@siar/shared/node';
import { freePort } from '../../server/src/launcher/free-port';
import { ApiClient } from '../support/api-client';
import { buildUser } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';
import { createFaultEnv, ServerProcess, waitFor, WorkerProcess, type TFaultEnv } from '../reliability/fault-harness';

/**
 * "A canary token planted in an account is found in no response body, log line, Redis key or
 * value, or client bundle." The account's access and refresh tokens are canaries; the real
 * server and worker processes (LOG_LEVEL=debug) publish with them, fail with them (a 401, then a
 * refused refresh) and revoke them; then every surface is searched for either string.
 */

const root = new URL('../..', import.meta.url).pathname;
const clientDist = join(root, 'client', 'dist');
const CANARY = { access: `CANARY-ACCESS-${randomBytes(16).toString('hex')}`, refresh: `CANARY-REFRESH-${randomBytes(16).toString('hex')}` };
const CANARIES = [CANARY.access, CANARY.refresh];
const PASSWORD = 'Test-Password-123';
const CLIENT_ID = 'siar-canary';

type TRedis = ReturnType<typeof createRedis>;

let env: TFaultEnv;
let worker: WorkerProcess;
let server: ServerProcess | undefined;
let serverLog = '';
let workerMetricsUrl = '';
/** Every HTTP answer Siar gave during the run: "<where> <status>\n<headers>\n<body>". */
const responses: { where: string; text: string }[] = [];
/** The database as the processes left it, before and after the account was disconnected. */
const dumps: { when: string; text: string }[] = [];
let sealedCredentials = '';
const seen = { firstPost: '', secondPost: '', accountStatusAfter401: '' };

/** Where a canary occurs in `text`, with a little context, so a failure says exactly where. */
function leaks(surface: string, text: string): string[] {
  const found: string[] = [];
  for (const canary of CANARIES) {
    for (let i = text.indexOf(canary); i !== -1; i = text.indexOf(canary, i + 1))
      found.push(`${surface}: …${text.slice(Math.max(0, i - 160), i + canary.length + 40)}…`);
  }
  return found;
}

function record(where: string, status: number, headers: Headers, body: string): void {
  responses.push({ where, text: `${where} ${status}\n${[...headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${body}` });
}

/** ApiClient that keeps a copy of every answer it receives. */
class RecordingClient extends ApiClient {
  override async request(...args: Parameters<ApiClient['request']>) {
    const res = await super.request(...args);
    record(
      `${args[0]} ${this.baseUrl}${args[1]}`,
      res.status,
      res.headers,
      typeof res.body === 'string' ? res.body : (JSON.stringify(res.body) ?? ''),
    );
    return res;
  }
}

async function fetchRecorded(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url);
  const text = await res.text();
  record(`GET ${url}`, res.status, res.headers, text);
  return { status: res.status, text };
}

async function emu(path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${env.emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  if (!res.ok) throw new Error(`emulator ${path}: ${res.status} ${await res.text()}`);
}

/** Every key under the prefix, read by its type. */
async function dumpRedis(redis: TRedis, prefix: string): Promise<{ keys: string[]; text: string; unreadable: string[] }> {
  const keys = new Set<string>();
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    for (const k of batch) keys.add(k);
    cursor = next;
  } while (cursor !== '0');
  const parts: string[] = [];
  const unreadable: string[] = [];
  for (const key of keys) {
    const type = await redis.type(key);
    let value: unknown;
    if (type === 'string') value = await redis.get(key);
    else if (type === 'hash') value = await redis.hgetall(key);
    else if (type === 'list') value = await redis.lrange(key, 0, -1);
    else if (type === 'set') value = await redis.smembers(key);
    else if (type === 'zset') value = await redis.zrange(key, '0', '-1', 'WITHSCORES');
    else if (type === 'stream') value = await redis.xrange(key, '-', '+');
    else if (type === 'none')
      continue; // expired between SCAN and TYPE
    else unreadable.push(`${key} (${type})`);
    parts.push(`${key} [${type}] ${JSON.stringify(value)}`);
  }
  return { keys: [...keys], text: parts.join('\n'), unreadable };
}

/** Every row of every table, as JSON (the same code on SQLite and PostgreSQL). */
async function dumpDatabase(): Promise<string> {
  const db = env.t.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const parts: string[] = [];
  for (const table of await env.t.db.introspection.getTables()) {
    const rows = await db.selectFrom(table.name).selectAll().execute();
    parts.push(`${table.name}: ${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

const deliveryOf = (body: { deliveries: { id: string; status: string }[] }) => body.deliveries[0]!;

beforeAll(async () => {
  if (!existsSync(join(clientDist, 'index.html')))
    execFileSync('npm', ['run', 'build', '-w', '@siar/client'], { cwd: root, stdio: 'ignore' });

  env = await createFaultEnv({ accountCount: 1, redisUrl: testRedisUrl(), database: testDatabaseOptions() });
  const account = env.accounts[0]!;
  // Plant the canaries: X knows the access token for this account's user; the refresh token it has never issued.
  await emu('/_emulator/users', { id: account.external_id, username: account.handle, name: account.handle, accessToken: CANARY.access });
  await emu('/_emulator/apps', { clientId: CLIENT_ID, redirectUris: ['http://127.0.0.1:9/api/oauth/x/callback'] });
  await saveCredentials(env.t.db, env.t.ring, account.id, {
    accessToken: CANARY.access,
    refreshToken: CANARY.refresh,
    expiresAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
  });

  // Both processes as deployed, with the OAuth client configured so a 401 leads to a refresh with the canary refresh token.
  const shared: NodeJS.ProcessEnv = {
    ...env.workerEnv,
    LOG_LEVEL: 'debug',
    X_CLIENT_ID: CLIENT_ID,
    X_AUTHORIZE_BASE_URL: env.emulator.url,
  };
  const metricsPort = await freePort();
  workerMetricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  worker = new WorkerProcess({ ...shared, SIAR_WORKER_METRICS_PORT: String(metricsPort) });
  worker.start();
  serverLog = join(env.t.dir, 'logs', 'server.log');
  server = new ServerProcess(shared, serverLog);
  const url = await server.start();
  expect(await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, 30_000, 200)).toBe(true);

  const username = (await env.t.db.selectFrom('user').select('username').where('id', '=', env.userId).executeTakeFirstOrThrow()).username;
  const api = new RecordingClient(url);
  expect((await api.login(username, PASSWORD)).status).toBe(200);
  await api.get('/api/auth/me');
  expect((await api.get('/api/accounts')).status).toBe(200);

  // A post published with the canary access token.
  const first = await api.post('/api/posts', {
    accountIds: [account.id],
    text: `Kenari pertama ${Date.now()}`,
    scheduledAt: new Date(Date.now() + 1000).toISOString(),
  });
  expect(first.status).toBe(201);
  const firstId = first.body.id as string;
  await waitFor(
    async () => ['published', 'failed'].includes(deliveryOf((await api.get(`/api/posts/${firstId}`)).body).status),
    30_000,
    300,
  );
  seen.firstPost = deliveryOf((await api.get(`/api/posts/${firstId}`)).body).status;

  // X answers 401 once: the worker logs an auth error, refreshes with the canary refresh token, and X refuses it.
  await emu('/_emulator/faults', { force401: 1 });
  const second = await api.post('/api/posts', {
    accountIds: [account.id],
    text: `Kenari kedua ${Date.now()}`,
    scheduledAt: new Date(Date.now() + 1000).toISOString(),
  });
  expect(second.status).toBe(201);
  const secondId = second.body.id as string;
  await waitFor(
    async () => ['published', 'failed'].includes(deliveryOf((await api.get(`/api/posts/${secondId}`)).body).status),
    30_000,
    300,
  );
  seen.secondPost = deliveryOf((await api.get(`/api/posts/${secondId}`)).body).status;
  seen.accountStatusAfter401 =
    ((await api.get('/api/accounts')).body.items as { id: string; status: string }[]).find((a) => a.id === account.id)?.status ?? '';

  // Reads and failures.
  await api.get('/api/posts');
  await api.get(`/api/posts?accountId=${account.id}`);
  await api.get(`/api/posts/${firstId}`);
  await api.get(`/api/posts/${secondId}`);
  expect((await api.request('POST', '/api/posts', undefined, { raw: '{"accountIds": ["' })).status).toBe(400);
  await api.get('/api/does-not-exist');
  for (const path of ['/metrics', '/readyz', '/healthz', '/']) await fetchRecorded(`${url}${path}`);
  await fetchRecorded(workerMetricsUrl);

  // The queue board shows job data and failure reasons: read it as an admin.
  const admin = await buildUser(env.t.db, { role: 'admin' });
  const board = new RecordingClient(url);
  expect((await board.login(admin.username, PASSWORD)).status).toBe(200);
  await board.get('/api/accounts');
  for (const queue of [PUBLISH_QUEUE, MAINTENANCE_QUEUE]) {
    for (const status of ['latest', 'completed', 'failed', 'delayed'])
      await board.get(`/admin/queues/api/queues?activeQueue=${queue}&status=${status}&page=1&jobsPerPage=50`);
  }

  // The column as the processes left it (disconnecting clears it).
  sealedCredentials =
    (await env.t.db.selectFrom('social_account').select('credentials').where('id', '=', account.id).executeTakeFirstOrThrow())
      .credentials ?? '';
  dumps.push({ when: 'before disconnect', text: await dumpDatabase() });

  // Disconnecting revokes both tokens at X: the server opens the credentials.
  expect((await api.request('DELETE', `/api/accounts/${account.id}`)).status).toBe(204);
  await api.get('/api/accounts');
  dumps.push({ when: 'after disconnect', text: await dumpDatabase() });

  // Stop both so every log line is flushed.
  await worker.kill('SIGTERM');
  await server?.stop();
}, 180_000);

afterAll(async () => {
  await worker?.kill();
  await server?.stop();
  await env?.close();
});

describe('secrets: a canary token planted in an account', () => {
  it('when the worker publishes with the canary and then meets a 401 and a refused refresh, then those paths really ran', () => {
    expect(seen.firstPost).toBe('published');
    expect(seen.secondPost).toBe('failed');
    expect(seen.accountStatusAfter401).toBe('needs_reconnect');
  });

  it('when every HTTP answer of the server and the worker is searched, then neither canary is in any of them', () => {
    expect(responses.length).toBeGreaterThan(20);
    expect(responses.some((r) => r.text.includes('needs_reconnect'))).toBe(true);
    expect(responses.flatMap((r) => leaks(r.where, r.text))).toEqual([]);
  });

  it('when the server log (LOG_LEVEL=debug) is searched, then no line holds either canary', () => {
    const log = readFileSync(serverLog, 'utf8');
    expect(log).toContain('server listening');
    expect(log).toContain('account disconnected');
    expect(log.split('\n').flatMap((line, i) => leaks(`server.log:${i + 1}`, line))).toEqual([]);
  });

  it('when the worker log (LOG_LEVEL=debug) is searched, then no line holds either canary, not even the auth error', () => {
    const log = readFileSync(worker.logFile, 'utf8');
    expect(log).toContain('"published"');
    expect(log).toContain('publish did not succeed');
    expect(log).toContain('refresh refused');
    expect(log.split('\n').flatMap((line, i) => leaks(`worker.log:${i + 1}`, line))).toEqual([]);
  });

  it('when every Redis key under the prefix is read by its type, then neither canary is in a key or a value', async () => {
    const redis = createRedis(testRedisUrl(), 'worker');
    try {
      const dump = await dumpRedis(redis, env.prefix);
      expect(dump.keys.some((k) => k.startsWith(`${env.prefix}:${PUBLISH_QUEUE}:`))).toBe(true);
      expect(dump.unreadable).toEqual([]);
      expect(leaks('redis keys', dump.keys.join('\n'))).toEqual([]);
      expect(dump.text.split('\n').flatMap((line) => leaks(`redis ${line.slice(0, line.indexOf(' '))}`, line))).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  it('when every file of the client bundle is read as text, then neither canary is in it', () => {
    const files = filesUnder(clientDist);
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(files.flatMap((f) => leaks(f, readFileSync(f, 'latin1')))).toEqual([]);
  });

  it('when the database is read, then the credentials column holds the canary sealed and no column holds it in clear', () => {
    expect(sealedCredentials).not.toBe('');
    expect(leaks('social_account.credentials', sealedCredentials)).toEqual([]);
    // The sealed value is the planted secret: it opens to the canary.
    expect(openCredentials(env.t.ring, env.accounts[0]!.id, sealedCredentials)).toMatchObject({
      accessToken: CANARY.access,
      refreshToken: CANARY.refresh,
    });
    expect(dumps.flatMap((d) => leaks(`database ${d.when}`, d.text))).toEqual([]);
  });
});
