import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPublishQueue, createRedis, enqueueDeliveries, type TPublishQueue } from '@siar/shared/node';
import { freePort } from '../../server/src/launcher/free-port';
import { startXEmulator, type TXEmulator } from '../emulators/x/x-emulator';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase, type TTestDatabaseOptions } from '../support/test-database';

const root = new URL('../..', import.meta.url).pathname;

/** Worker settings that make faults resolve in seconds instead of minutes; the logic is the same. */
export const FAST_WORKER_ENV = {
  X_REQUEST_TIMEOUT_MS: '1000',
  META_REQUEST_TIMEOUT_MS: '1000',
  SIAR_SETTLE_MS: '2500',
  SIAR_SWEEP_EVERY_MS: '1000',
  SIAR_RETRY_BASE_MS: '200',
  SIAR_JOB_LOCK_MS: '2000',
  SIAR_SHUTDOWN_GRACE_MS: '2000',
  SIAR_WORKER_CONCURRENCY: '50',
  LOG_LEVEL: process.env.SIAR_FAULTS_LOG_LEVEL ?? 'warn',
};

export interface TFaultEnv {
  t: TTestDatabase;
  emulator: TXEmulator;
  queue: TPublishQueue;
  accounts: Awaited<ReturnType<typeof buildAccount>>[];
  userId: string;
  opdId: string;
  prefix: string;
  workerEnv: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** A database with one OPD and `accountCount` X accounts, each registered at a fresh emulator. */
export async function createFaultEnv(o: { accountCount: number; redisUrl: string; latencyMs?: number; database?: TTestDatabaseOptions }): Promise<TFaultEnv> {
  const t = await createTestDatabase(o.database);
  const emulator = await startXEmulator({ latencyMs: o.latencyMs ?? 20, postsPer15Min: 10_000 });
  const opd = await buildOpd(t.db);
  const user = await buildUser(t.db, { opdIds: [opd.id] });
  const accounts = [];
  for (let i = 0; i < o.accountCount; i++) {
    const a = await buildAccount(t.db, t.ring, { opdId: opd.id, handle: `akun_${i}` });
    accounts.push(a);
    await fetch(`${emulator.url}/_emulator/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: a.external_id, username: a.handle, name: a.handle, accessToken: a.accessToken }) });
  }
  const prefix = `faults-${randomUUID().slice(0, 8)}`;
  const redis = createRedis(o.redisUrl, 'worker');
  redis.on('error', () => undefined);
  const queue = createPublishQueue(redis, prefix);
  queue.on('error', () => undefined);
  mkdirSync(join(t.dir, 'logs'), { recursive: true });
  return {
    t,
    emulator,
    queue,
    accounts,
    userId: user.id,
    opdId: opd.id,
    prefix,
    workerEnv: { DATABASE_URL: t.url, DATA_DIR: t.dir, REDIS_URL: o.redisUrl, SIAR_QUEUE_PREFIX: prefix, SIAR_ENCRYPTION_KEY: t.keyText, X_API_BASE_URL: emulator.url, ...FAST_WORKER_ENV },
    async close() {
      await queue.close().catch(() => undefined);
      redis.disconnect();
      await emulator.close();
      await t.close();
    },
  };
}

/** Inserts posts with one delivery each, as the API does (one transaction, then jobs). */
export async function schedulePosts(env: TFaultEnv, items: { accountIndex: number; text: string; at: Date }[], o: { enqueue?: boolean } = {}) {
  const now = new Date().toISOString();
  const rows = items.map((item) => ({ postId: randomUUID(), deliveryId: randomUUID(), ...item }));
  await env.t.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200);
      await trx.insertInto('post').values(chunk.map((r) => ({ id: r.postId, opd_id: env.opdId, author_id: env.userId, status: 'scheduled', scheduled_at: r.at.toISOString(), text: r.text, media_ids: '[]', revision: 1, created_at: now, updated_at: now }))).execute();
      await trx
        .insertInto('delivery')
        .values(chunk.map((r) => ({ id: r.deliveryId, post_id: r.postId, account_id: env.accounts[r.accountIndex]!.id, text_override: null, status: 'scheduled', revision: 1, scheduled_at: r.at.toISOString(), attempt: 0, next_attempt_at: null, lease_id: null, lease_at: null, external_id: null, external_url: null, published_at: null, last_error: null, updated_at: now })))
        .execute();
    }
  });
  if (o.enqueue !== false) await enqueueDeliveries(env.queue, rows.map((r) => ({ deliveryId: r.deliveryId, revision: 1, scheduledAt: r.at.toISOString() })));
  return rows;
}

export class WorkerProcess {
  child: ChildProcess | undefined;
  starts = 0;
  /** Where every run of the worker appends its log (DATA_DIR/logs/worker.log). */
  readonly logFile: string;
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    /** Extra node flags, e.g. `--cpu-prof` from the bench. */
    private readonly nodeArgs: string[] = [],
    /** A built worker (worker/build.mjs) to run as it is deployed; by default the source under tsx. */
    private readonly bundle?: string,
  ) {
    this.logFile = join(String(env.DATA_DIR), 'logs', 'worker.log');
  }

  start(): void {
    this.starts += 1;
    const out = openSync(this.logFile, 'a');
    this.child = spawn(process.execPath, this.bundle ? [...this.nodeArgs, '--enable-source-maps', this.bundle] : [...this.nodeArgs, '--import', 'tsx', 'worker/src/main.ts'], { cwd: root, env: { ...process.env, ...this.env }, stdio: ['ignore', out, out] });
    closeSync(out);
  }

  tail(lines = 40): string {
    return readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }
}

/** A real server process on a free port; its output goes to `logFile` when given. */
export class ServerProcess {
  child: ChildProcess | undefined;
  url = '';
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly logFile?: string,
  ) {}

  async start(): Promise<string> {
    const port = await freePort();
    const out = this.logFile ? openSync(this.logFile, 'a') : 'ignore';
    this.child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, env: { ...process.env, ...this.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', out, out] });
    if (typeof out === 'number') closeSync(out);
    this.url = `http://127.0.0.1:${port}`;
    const up = await waitFor(async () => (await fetch(`${this.url}/healthz`).catch(() => undefined))?.ok === true, 30_000, 100);
    if (!up) throw new Error(`the server did not start${this.logFile ? `:\n${readFileSync(this.logFile, 'utf8')}` : ''}`);
    return this.url;
  }

  /** SIGTERM, and SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

export async function deliveryStatuses(env: TFaultEnv) {
  return env.t.db.selectFrom('delivery').innerJoin('post', 'post.id', 'delivery.post_id').select(['delivery.id', 'delivery.status', 'delivery.last_error', 'delivery.published_at', 'delivery.scheduled_at', 'post.text']).execute();
}

/** How many read-backs resolved a lease a killed worker left, by result. */
export async function readBackCounts(env: TFaultEnv): Promise<string> {
  const rows = await env.t.db.selectFrom('delivery_attempt').select(['outcome']).where('kind', '=', 'read_back').execute();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.outcome ?? 'open', (counts.get(r.outcome ?? 'open') ?? 0) + 1);
  return [...counts].map(([k, v]) => `${k}:${v}`).join(' ') || '-';
}

/** Live copies per text on the emulator (each test text is unique per delivery). */
export async function liveCopies(env: TFaultEnv): Promise<Map<string, number>> {
  const res = (await (await fetch(`${env.emulator.url}/_emulator/tweets`)).json()) as { items: { text: string }[] };
  const copies = new Map<string, number>();
  for (const t of res.items) copies.set(t.text, (copies.get(t.text) ?? 0) + 1);
  return copies;
}

export async function waitFor(predicate: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await predicate()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return predicate();
}

const TERMINAL = new Set(['published', 'failed', 'unconfirmed', 'missed', 'cancelled']);
export const isTerminal = (status: string) => TERMINAL.has(status);

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Rows for the closing table of `npm run test:faults`. */
export const faultReport: Record<string, string | number>[] = [];

export function printFaultReport(): void {
  if (faultReport.length === 0) return;
  console.log('\nFault tests');
  console.table(faultReport);
}

/** Full sizes with SIAR_FAULTS_FULL=1 (`npm run test:faults`); a smaller run inside `npm test`. */
export const FULL = process.env.SIAR_FAULTS_FULL === '1';
