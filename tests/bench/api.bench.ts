import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { get as httpGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import { freePort } from '../../server/src/launcher/free-port';
import { ApiClient } from '../support/api-client';
import { buildAccount, buildOpd, buildUser, createTestDatabase } from '../support/test-database';
import { benchRedis, peakRssMb, serverArgs, sleep } from './bench-support';

const POSTS = Number(process.env.BENCH_API_POSTS ?? 100_000);
const DURATION_S = Number(process.env.BENCH_API_SECONDS ?? 15);
/** 100,000 posts a year over 16 OPDs: about 520 posts in one OPD's month, as the calendar target says. */
const OPDS = 16;
const ACCOUNTS_PER_OPD = 2;
const root = new URL('../..', import.meta.url).pathname;

async function load(url: string, options: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; eachPath?: (n: number) => string }) {
  let n = 0;
  const eachPath = options.eachPath;
  const requests: autocannon.Request[] | undefined = eachPath ? [{ setupRequest: (req) => ({ ...req, path: eachPath(n++) }) }] : undefined;
  const result = await autocannon({ url, connections: 50, duration: DURATION_S, method: options.method ?? 'GET', headers: options.headers, body: options.body, requests });
  return { p50Ms: result.latency.p50, p99Ms: result.latency.p99, requestsPerS: Math.round(result.requests.average), non2xx: result.non2xx, errors: result.errors };
}

/** 100,000 posts over a year, one delivery each, spread over the OPDs' accounts, written straight into the database. */
async function seed() {
  const t = await createTestDatabase();
  const opds: Awaited<ReturnType<typeof buildOpd>>[] = [];
  for (let i = 0; i < OPDS; i++) opds.push(await buildOpd(t.db));
  const user = await buildUser(t.db, { username: 'admin', role: 'admin' });
  const operator = await buildUser(t.db, { username: 'operator', role: 'operator', opdIds: [opds[0]!.id] });
  const accounts: Awaited<ReturnType<typeof buildAccount>>[] = [];
  for (let i = 0; i < OPDS * ACCOUNTS_PER_OPD; i++) accounts.push(await buildAccount(t.db, t.ring, { opdId: opds[i % OPDS]!.id, handle: `akun_${i}` }));
  const start = Date.parse('2026-01-01T00:00:00Z');
  const now = new Date().toISOString();
  for (let i = 0; i < POSTS; i += 2000) {
    await t.db.transaction().execute(async (trx) => {
      const rows = Array.from({ length: Math.min(2000, POSTS - i) }, (_, k) => {
        const at = new Date(start + Math.floor(((i + k) / POSTS) * 365 * 24 * 3600_000)).toISOString();
        return { postId: randomUUID(), deliveryId: randomUUID(), at, account: accounts[(i + k) % accounts.length]! };
      });
      await trx.insertInto('post').values(rows.map((r) => ({ id: r.postId, opd_id: r.account.opd_id, author_id: user.id, status: 'published', scheduled_at: r.at, text: `Informasi layanan publik nomor ${r.postId.slice(0, 8)} untuk warga Kabupaten Tangerang`, media_ids: '[]', revision: 1, created_at: r.at, updated_at: r.at }))).execute();
      await trx
        .insertInto('delivery')
        .values(rows.map((r) => ({ id: r.deliveryId, post_id: r.postId, account_id: r.account.id, text_override: null, status: 'published', revision: 1, scheduled_at: r.at, attempt: 1, next_attempt_at: null, lease_id: null, lease_at: null, external_id: '1', external_url: `https://x.com/${r.account.handle}/status/1`, published_at: r.at, last_error: null, updated_at: now })))
        .execute();
    });
  }
  return { t, accountId: accounts[0]!.id, password: user.password, operatorPassword: operator.password };
}

/** `BENCH_PROFILE_DIR=/tmp/p`: the server writes a V8 CPU profile there when it stops. */

/** What Chromium sends. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

/** The body as sent (fetch would decompress it). */
function rawBody(url: string, headers: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    }).on('error', reject);
  });
}

async function loginHeaders(base: string, username: string, password: string) {
  const api = new ApiClient(base);
  await api.login(username, password);
  return { cookie: [...api.jar].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': decodeURIComponent(api.jar.get('siar_csrf')!), 'content-type': 'application/json' };
}

export async function apiBench() {
  const redis = await benchRedis();
  const { t, accountId, password, operatorPassword } = await seed();
  const port = await freePort();
  const server = spawn(process.execPath, await serverArgs(), {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: t.url, DATA_DIR: t.dir, REDIS_URL: redis.url, SIAR_ENCRYPTION_KEY: t.keyText, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const bare = express();
  let payload: string | Buffer = '';
  let gzipped = false;
  bare.get('/', (_req, res) => {
    if (gzipped) res.set('content-encoding', 'gzip');
    res.type('json').send(payload);
  });
  const bareServer = bare.listen(0, '127.0.0.1');
  const bareUrl = () => `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/`;
  try {
    for (let i = 0; i < 100 && !(await fetch(`${base}/healthz`).then((r) => r.ok).catch(() => false)); i++) await sleep(100);
    const headers = await loginHeaders(base, 'admin', password);

    // The posts list for one month, as the admin (all OPDs, first page of 500).
    const postsMonth = '/api/posts?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z&limit=500';
    const postsPayload = await (await fetch(base + postsMonth, { headers })).text();
    const postsListMonth = await load(base + postsMonth, { headers });

    // The calendar's month as an operator of one OPD sees it: as a browser asks (gzip), plainly,
    // and with every answer computed afresh (each request a different key, as after a write).
    const operatorHeaders = await loginHeaders(base, 'operator', operatorPassword);
    const calendarUrl = '/api/calendar?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z';
    const calendarPayload = await (await fetch(base + calendarUrl, { headers: operatorHeaders })).text();
    const browserHeaders = { ...operatorHeaders, 'accept-encoding': BROWSER_ACCEPT_ENCODING };
    const calendarGzip = await rawBody(base + calendarUrl, browserHeaders);
    const calendarMonthGzip = await load(base + calendarUrl, { headers: browserHeaders });
    [payload, gzipped] = [calendarGzip, true];
    const bareSameCalendarGzip = await load(bareUrl(), { headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING } });
    const calendarMonth = await load(base + calendarUrl, { headers: operatorHeaders });
    [payload, gzipped] = [calendarPayload, false];
    const bareSameCalendarPayload = await load(bareUrl(), {});
    const calendarMonthComputedEachTime = await load(base + calendarUrl, {
      headers: operatorHeaders,
      eachPath: (n) => `/api/calendar?from=2026-06-01T00:00:00Z&to=${new Date(Date.parse('2026-07-01T00:00:00Z') - (n % 1_000_000)).toISOString()}`,
    });

    // Diskominfo's overview of one month (every OPD and account), as the admin.
    const activityMonth = await load(`${base}/api/activity?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z`, { headers: { ...headers, 'accept-encoding': BROWSER_ACCEPT_ENCODING } });

    const body = JSON.stringify({ accountIds: [accountId], text: 'Pengumuman uji beban', scheduledAt: '2027-06-01T01:00:00Z' });
    const createPost = await load(`${base}/api/posts`, { method: 'POST', headers, body });
    const itemsOf = (text: string) => (JSON.parse(text) as { items: unknown[] }).items.length;
    return {
      postsInDatabase: POSTS,
      opds: OPDS,
      postsListMonth: { ...postsListMonth, itemsPerResponse: itemsOf(postsPayload), responseBytes: postsPayload.length },
      calendarMonthGzip: { ...calendarMonthGzip, itemsPerResponse: itemsOf(calendarPayload), responseBytes: calendarGzip.length },
      bareExpressSameCalendarGzip: bareSameCalendarGzip,
      calendarMonth: { ...calendarMonth, itemsPerResponse: itemsOf(calendarPayload), responseBytes: calendarPayload.length },
      bareExpressSameCalendarPayload: bareSameCalendarPayload,
      calendarMonthComputedEachTime,
      createPost,
      activityMonth,
      activity: 'one request at a time on 70,000 deliveries: see the activity scenario',
      serverPeakRssMb: peakRssMb(server.pid),
      connections: 50,
      secondsEach: DURATION_S,
      targets: { calendarP99Ms: '<= 50', createP99Ms: '<= 30' },
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode === null ? server.once('exit', r) : r(null)));
    bareServer.close();
    await t.close();
    await redis.stop();
  }
}
