import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { activityMonthRange, activityWeekRange, utcToZonedWallTime } from '@siar/shared';
import { freePort } from '../../server/src/launcher/free-port';
import { ApiClient } from '../support/api-client';
import { buildAccount, buildOpd, buildUser, createTestDatabase } from '../support/test-database';
import { benchRedis, latencyOf, peakRssMb, serverArgs, sleep } from './bench-support';

const DELIVERIES = Number(process.env.BENCH_ACTIVITY_DELIVERIES ?? 70_000);
const REQUESTS = Number(process.env.BENCH_ACTIVITY_REQUESTS ?? 100);
/** Issue #7's size: 50 OPDs, 200 accounts, a year of posts. */
const OPDS = 50;
const ACCOUNTS = 200;
const DAY_MS = 24 * 3600_000;
const root = new URL('../..', import.meta.url).pathname;

/**
 * A year up to now: mostly published, some failed or unconfirmed, the newest 2% still scheduled
 * ahead; one post in ten went through approval (a review 0–4 h after its creation).
 */
export async function seedActivity() {
  const t = await createTestDatabase();
  const opds: Awaited<ReturnType<typeof buildOpd>>[] = [];
  for (let i = 0; i < OPDS; i++) opds.push(await buildOpd(t.db, { name: `OPD ${String(i).padStart(2, '0')}`, requires_approval: i % 3 === 0 ? 1 : 0 }));
  await t.db.updateTable('opd').set({ weekly_target: 5 }).execute();
  const user = await buildUser(t.db, { username: 'kominfo', role: 'supervisor' });
  const operator = await buildUser(t.db, { username: 'operator', role: 'operator', opdIds: [opds[0]!.id] });
  const accounts: Awaited<ReturnType<typeof buildAccount>>[] = [];
  for (let i = 0; i < ACCOUNTS; i++) accounts.push(await buildAccount(t.db, t.ring, { opdId: opds[i % OPDS]!.id, handle: `akun_${i}`, status: i % 37 === 0 ? 'needs_reconnect' : 'active' }));
  const end = Date.now() + 7 * DAY_MS;
  const start = end - 365 * DAY_MS;
  for (let i = 0; i < DELIVERIES; i += 2000) {
    await t.db.transaction().execute(async (trx) => {
      const rows = Array.from({ length: Math.min(2000, DELIVERIES - i) }, (_, k) => {
        const n = i + k;
        const at = new Date(start + Math.floor((n / DELIVERIES) * (end - start)));
        const status = at.getTime() > Date.now() ? 'scheduled' : n % 20 === 0 ? 'failed' : n % 50 === 1 ? 'unconfirmed' : 'published';
        return { n, postId: randomUUID(), deliveryId: randomUUID(), at: at.toISOString(), status, account: accounts[(n * 7) % ACCOUNTS]! };
      });
      await trx.insertInto('post').values(rows.map((r) => ({ id: r.postId, opd_id: r.account.opd_id, author_id: user.id, status: r.status, scheduled_at: r.at, text: `Informasi layanan publik ${r.n}`, media_ids: '[]', revision: 1, created_at: r.at, updated_at: r.at }))).execute();
      await trx
        .insertInto('delivery')
        .values(
          rows.map((r) => ({
            id: r.deliveryId,
            post_id: r.postId,
            account_id: r.account.id,
            text_override: null,
            status: r.status,
            revision: 1,
            scheduled_at: r.at,
            attempt: 1,
            next_attempt_at: null,
            lease_id: null,
            lease_at: null,
            external_id: r.status === 'published' ? String(r.n) : null,
            external_url: r.status === 'published' ? `https://x.com/${r.account.handle}/status/${r.n}` : null,
            published_at: r.status === 'published' ? r.at : null,
            last_error: r.status === 'failed' ? JSON.stringify({ kind: 'content_rejected', message: 'duplicate' }) : null,
            updated_at: r.at,
          })),
        )
        .execute();
      const reviewed = rows.filter((r) => r.n % 10 === 0);
      if (reviewed.length) await trx.insertInto('review').values(reviewed.map((r) => ({ id: randomUUID(), post_id: r.postId, reviewer_id: operator.id, decision: 'approved' as const, comment: null, created_at: new Date(Date.parse(r.at) + (r.n % 240) * 60_000).toISOString() }))).execute();
    });
  }
  return { t, password: user.password, operatorPassword: operator.password, opdId: opds[0]!.id };
}

/** `pathOf(i)` for the i-th request (-1: the first, unmeasured). */
async function measure(base: string, pathOf: (i: number) => string, headers: Record<string, string>) {
  const first = await fetch(base + pathOf(-1), { headers });
  const bytes = (await first.text()).length;
  if (!first.ok) throw new Error(`${pathOf(-1)} answered ${first.status}`);
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(base + pathOf(i), { headers });
    await res.arrayBuffer();
    times.push(Math.round((performance.now() - t0) * 10) / 10);
  }
  return { ...latencyOf(times), requests: REQUESTS, responseBytes: bytes };
}

async function cookieOf(base: string, username: string, password: string) {
  const api = new ApiClient(base);
  await api.login(username, password);
  return { cookie: [...api.jar].map(([k, v]) => `${k}=${v}`).join('; ') };
}

/** `GET /api/activity` one request at a time (a supervisor's page load), p95 against 300 ms. */
export async function activityBench() {
  const redis = await benchRedis();
  const t0 = Date.now();
  const { t, password, operatorPassword, opdId } = await seedActivity();
  const seedS = Math.round((Date.now() - t0) / 100) / 10;
  const port = await freePort();
  const server = spawn(process.execPath, await serverArgs(), {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: t.url, DATA_DIR: t.dir, REDIS_URL: redis.url, SIAR_ENCRYPTION_KEY: t.keyText, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 100 && !(await fetch(`${base}/healthz`).then((r) => r.ok).catch(() => false)); i++) await sleep(100);
    const supervisor = await cookieOf(base, 'kominfo', password);
    const operator = await cookieOf(base, 'operator', operatorPassword);
    const month = activityMonthRange(utcToZonedWallTime(new Date()).date.slice(0, 7));
    const week = activityWeekRange(new Date());
    const year = { from: new Date(Date.now() - 365 * DAY_MS).toISOString(), to: new Date().toISOString() };
    const q = (range: { from: string; to: string }, extra: Record<string, string> = {}) => new URLSearchParams({ ...range, ...extra }).toString();
    const same = (path: string) => () => path;
    // The overview is cached per data version: each request ends its range a millisecond
    // earlier, so every answer is computed (what a page load costs after any write).
    const computed = (range: { from: string; to: string }) => (i: number) => `/api/activity?${q({ from: range.from, to: new Date(Date.parse(range.to) - i - 1).toISOString() })}`;
    return {
      deliveriesInDatabase: DELIVERIES,
      opds: OPDS,
      accounts: ACCOUNTS,
      seedS,
      thisMonthAllOpds: await measure(base, computed(month), supervisor),
      thisMonthAllOpdsRepeated: await measure(base, same(`/api/activity?${q(month)}`), supervisor),
      thisWeekAllOpds: await measure(base, computed(week), supervisor),
      lastYearAllOpds: await measure(base, computed(year), supervisor),
      thisMonthOperator: await measure(base, computed(month), operator),
      thisMonthCsv: await measure(base, same(`/api/activity.csv?${q(month)}`), supervisor),
      accountFailuresYear: await measure(base, same(`/api/activity/deliveries?${q(year, { opdId, outcome: 'failed', limit: '200' })}`), supervisor),
      // The activity page's charts (WIB days, outcomes, hours heatmap): p95 against 50 ms for a month.
      seriesThisMonthAllOpds: await measure(base, same(`/api/activity/series?${q(month, { by: 'opd' })}`), supervisor),
      seriesLastYearByPlatform: await measure(base, same(`/api/activity/series?${q(year, { by: 'platform' })}`), supervisor),
      serverPeakRssMb: peakRssMb(server.pid),
      targets: { overviewP95Ms: '<= 300', seriesMonthP95Ms: '<= 50' },
    };
  } finally {
    server.kill('SIGTERM');
    await t.close();
    await redis.stop();
  }
}
