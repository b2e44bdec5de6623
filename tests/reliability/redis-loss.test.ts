import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/src/launcher/free-port';
import { pingRedis } from '../../server/src/launcher/private-redis';
import { createFaultEnv, deliveryStatuses, faultReport, FULL, isTerminal, liveCopies, percentile, printFaultReport, schedulePosts, waitFor, WorkerProcess, type TFaultEnv } from './fault-harness';

const SIZE = FULL ? { deliveries: 600, accounts: 60, spreadMs: 30_000 } : { deliveries: 150, accounts: 15, spreadMs: 14_000 };
const SWEEP_MS = 1000;
let env: TFaultEnv | undefined;
let worker: WorkerProcess | undefined;
let redis: ChildProcess | undefined;
const dir = mkdtempSync(join(tmpdir(), 'siar-redis-loss-'));

/** A redis-server of this test's own, on a fixed port so it can be killed and started again. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction', '--hz', '100', '--save', ''], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await pingRedis(port)); i++) await new Promise((r) => setTimeout(r, 50));
  return child;
}

async function killRedis(): Promise<void> {
  const child = redis;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

afterAll(async () => {
  await worker?.kill();
  await env?.close();
  await killRedis();
  rmSync(dir, { recursive: true, force: true });
  printFaultReport();
});

describe('fault (b): Redis lost in the middle of a schedule', () => {
  it(`when Redis is killed and restarted, and later flushed, while ${SIZE.deliveries} deliveries fall due, then each is still published exactly once, within about one sweep interval`, async () => {
    const port = await freePort();
    redis = await startRedis(port);
    env = await createFaultEnv({ accountCount: SIZE.accounts, redisUrl: `redis://127.0.0.1:${port}` });
    env.workerEnv.SIAR_SWEEP_EVERY_MS = String(SWEEP_MS);
    const start = Date.now() + 2000;
    const items = Array.from({ length: SIZE.deliveries }, (_, i) => ({ accountIndex: i % SIZE.accounts, text: `Info ${i} ${start}`, at: new Date(start + Math.floor((i / SIZE.deliveries) * SIZE.spreadMs)) }));
    await schedulePosts(env, items);
    worker = new WorkerProcess(env.workerEnv);
    worker.start();

    await new Promise((r) => setTimeout(r, 2000 + SIZE.spreadMs * 0.25));
    await killRedis();
    await new Promise((r) => setTimeout(r, 1500));
    redis = await startRedis(port);

    await new Promise((r) => setTimeout(r, SIZE.spreadMs * 0.3));
    const flushedAt = Date.now();
    const admin = new Redis(`redis://127.0.0.1:${port}`);
    await admin.flushall();
    admin.disconnect();

    const settled = await waitFor(async () => (await deliveryStatuses(env!)).every((d) => isTerminal(d.status)), 90_000, 500);
    const rows = await deliveryStatuses(env);
    const copies = await liveCopies(env);
    const published = rows.filter((d) => d.status === 'published');
    // Deliveries due after the flush had their jobs wiped: how late did the sweeper get them out?
    const afterFlush = published.filter((d) => Date.parse(d.scheduled_at!) > flushedAt).map((d) => Date.parse(d.published_at!) - Date.parse(d.scheduled_at!));
    const lateness = published.map((d) => Date.parse(d.published_at!) - Date.parse(d.scheduled_at!));
    faultReport.push({
      scenario: 'b: Redis SIGKILL+restart, then FLUSHALL',
      deliveries: rows.length,
      published: published.length,
      other: rows.filter((d) => d.status !== 'published').map((d) => d.status).join(',') || '-',
      liveDuplicates: [...copies.values()].filter((n) => n > 1).length,
      latenessP50ms: percentile(lateness, 50),
      latenessMaxMs: percentile(lateness, 100),
      afterFlushMaxLatenessMs: percentile(afterFlush, 100),
    });
    expect(settled).toBe(true);
    expect(published).toHaveLength(SIZE.deliveries);
    for (const d of rows) expect(copies.get(d.text)).toBe(1);
    // One sweep interval, plus the restored scheduler's first run and a publish.
    expect(percentile(afterFlush, 100)).toBeLessThan(3 * SWEEP_MS + 2000);
  }, 240_000);
});
