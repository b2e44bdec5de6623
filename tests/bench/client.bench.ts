import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { freePort } from '../../server/src/launcher/free-port';
import { ApiClient } from '../support/api-client';
import { buildAccount, buildOpd, buildUser, createTestDatabase } from '../support/test-database';
import { benchRedis, latencyOf, serverArgs, sleep } from './bench-support';

const root = new URL('../..', import.meta.url).pathname;
const CALENDAR_POSTS = Number(process.env.BENCH_CALENDAR_POSTS ?? 2000);
const CALENDAR_RUNS = Number(process.env.BENCH_CALENDAR_RUNS ?? 5);
/** Set by the calendar (client/src/features/calendar/hooks/use-events-painted-mark.ts). */
const PAINTED_MARK = 'siar:calendar-events-painted';
const MONTH = { year: 2026, month: 6 };
const STATUSES = [
  ['published', 'published'],
  ['scheduled', 'scheduled'],
  ['failed', 'failed'],
  ['cancelled', 'cancelled'],
  ['partially_published', 'published'],
] as const;

/** The client as `npm start` builds it, into a directory of its own (others may be building client/dist). */
function buildClient(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'siar-bench-client-'));
  const result = spawnSync(join(root, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: join(root, 'client'), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the client build failed:\n${result.stderr}`);
  return outDir;
}

/** Gzip size of what the first page load fetches: the entry script, its preloads and the CSS. */
function initialWeight(dist: string) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((m) => m[1]!);
  const size = (files: string[]) => Math.round(files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f))).length, 0) / 102.4) / 10;
  return {
    initialJsGzipKb: size(refs.filter((f) => f.endsWith('.js'))),
    initialCssGzipKb: size(refs.filter((f) => f.endsWith('.css'))),
    files: refs.map((f) => ({ file: f, bytes: statSync(join(dist, f)).size })),
  };
}

/** CALENDAR_POSTS posts in one month over 20 accounts of 4 OPDs, in the statuses a month holds. */
async function seedMonth() {
  const t = await createTestDatabase();
  const user = await buildUser(t.db, { username: 'admin', role: 'admin' });
  const opds: Awaited<ReturnType<typeof buildOpd>>[] = [];
  for (let i = 0; i < 4; i++) opds.push(await buildOpd(t.db));
  const accounts: Awaited<ReturnType<typeof buildAccount>>[] = [];
  for (let i = 0; i < 20; i++) accounts.push(await buildAccount(t.db, t.ring, { opdId: opds[i % 4]!.id, handle: `akun_opd_${i}` }));
  const start = Date.UTC(MONTH.year, MONTH.month - 1, 1) - 7 * 3600_000;
  const days = new Date(Date.UTC(MONTH.year, MONTH.month, 0)).getUTCDate();
  const now = new Date().toISOString();
  const rows = Array.from({ length: CALENDAR_POSTS }, (_, i) => {
    // Office hours, 07:00–17:59 WIB, spread over every day of the month.
    const at = new Date(start + (i % days) * 86_400_000 + (7 + (i % 11)) * 3600_000 + (i % 60) * 60_000).toISOString();
    const [status, deliveryStatus] = STATUSES[i % STATUSES.length]!;
    const targets = [accounts[i % 20]!, ...(i % 3 === 0 ? [accounts[(i + 4) % 20]!] : [])];
    return { id: randomUUID(), at, status, deliveryStatus, targets, opdId: targets[0]!.opd_id };
  });
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await t.db.transaction().execute(async (trx) => {
      await trx.insertInto('post').values(chunk.map((r, k) => ({ id: r.id, opd_id: r.opdId, author_id: user.id, status: r.status, scheduled_at: r.at, text: `Info layanan publik ${i + k}: jadwal pelayanan posyandu dan puskesmas keliling untuk warga Kabupaten Tangerang minggu ini`, media_ids: '[]', revision: 1, created_at: now, updated_at: now }))).execute();
      const deliveries = chunk.flatMap((r) => r.targets.map((a) => ({ id: randomUUID(), post_id: r.id, account_id: a.id, text_override: null, status: r.deliveryStatus, revision: 1, scheduled_at: r.at, attempt: 0, next_attempt_at: null, lease_id: null, lease_at: null, external_id: null, external_url: null, published_at: null, last_error: null, updated_at: now })));
      await trx.insertInto('delivery').values(deliveries).execute();
    });
  }
  return { t, password: user.password };
}

/** Navigation start → the calendar's mark that its month view with CALENDAR_POSTS posts is painted, in Chromium. */
async function calendarRender(dist: string) {
  const redis = await benchRedis();
  const { t, password } = await seedMonth();
  const port = await freePort();
  const server = spawn(process.execPath, await serverArgs(), {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: t.url, DATA_DIR: t.dir, REDIS_URL: redis.url, SIAR_ENCRYPTION_KEY: t.keyText, CLIENT_DIST_DIR: dist, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (let i = 0; i < 100 && !(await fetch(`${base}/healthz`).then((r) => r.ok).catch(() => false)); i++) await sleep(100);
    const api = new ApiClient(base);
    await api.login('admin', password);
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addCookies([...api.jar].map(([name, value]) => ({ name, value, url: base })));
    const url = `${base}/calendar?view=month&date=${MONTH.year}-${String(MONTH.month).padStart(2, '0')}-01`;
    const runs: { ms: number; posts: number; events: number; drawn: number }[] = [];
    for (let run = 0; run < CALENDAR_RUNS; run++) {
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, PAINTED_MARK, { timeout: 60_000 });
      const mark = await page.evaluate((name) => {
        const entry = performance.getEntriesByName(name)[0] as unknown as { startTime: number; detail: unknown };
        return { ms: Math.round(entry.startTime), ...(entry.detail as { posts: number; events: number; drawn: number }) };
      }, PAINTED_MARK);
      if (mark.posts !== CALENDAR_POSTS) throw new Error(`the calendar got ${mark.posts} posts, expected ${CALENDAR_POSTS}`);
      runs.push(mark);
      await page.close();
    }
    const warm = runs.slice(1).map((r) => r.ms);
    return {
      posts: CALENDAR_POSTS,
      view: 'month: up to 3 rows a day, the rest behind "+n lagi"',
      rowsDrawn: runs[0]!.events,
      postsInDomAtMark: runs[0]!.drawn,
      coldMs: runs[0]!.ms,
      warm: warm.length ? latencyOf(warm) : undefined,
      runs: runs.length,
      viewport: '1280x720',
    };
  } finally {
    await browser.close().catch(() => undefined);
    server.kill('SIGTERM');
    await t.close();
    await redis.stop();
  }
}

export async function clientBench() {
  const dist = buildClient();
  try {
    const weight = initialWeight(dist);
    const calendarMonthRender = await calendarRender(dist);
    return { ...weight, calendarMonthRender, targets: { initialJsGzipKb: '<= 300', calendarRenderMs: '<= 1000' } };
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}
