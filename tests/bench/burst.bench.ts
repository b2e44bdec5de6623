import { spawn } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createFaultEnv, deliveryStatuses, schedulePosts, WorkerProcess } from '../reliability/fault-harness';
import { freePort } from '../../server/src/launcher/free-port';
import { postgresBinDir, startPrivatePostgres } from '../support/private-postgres';
import type { TTestDatabaseOptions } from '../support/test-database';
import { benchRedis, latencyOf, peakRssMb, profileArgs, sleep } from './bench-support';

const N = Number(process.env.BENCH_BURST_N ?? 2000);
const ACCOUNTS = 200;
const CONCURRENCY = 50;
const LATENCY_MS = 50;
const root = new URL('../..', import.meta.url).pathname;
/** `BENCH_BURST_VARIANTS=0`: only Siar's main configuration against the baseline (a quicker look). */
const VARIANTS = process.env.BENCH_BURST_VARIANTS !== '0';

/** Siar's real path: worker processes claiming, publishing through twitter-api-v2, recording. */
async function pipeline(redisUrl: string, o: { workers: number; database: TTestDatabaseOptions; bundle: string }) {
  const env = await createFaultEnv({ accountCount: ACCOUNTS, redisUrl, latencyMs: LATENCY_MS, database: o.database });
  // The same total concurrency whatever the number of processes, so runs compare.
  Object.assign(env.workerEnv, { SIAR_WORKER_CONCURRENCY: String(Math.ceil(CONCURRENCY / o.workers)), X_REQUEST_TIMEOUT_MS: '15000', SIAR_SETTLE_MS: '60000', SIAR_SWEEP_EVERY_MS: '30000', SIAR_RETRY_BASE_MS: '30000', SIAR_JOB_LOCK_MS: '30000', LOG_LEVEL: 'warn' });
  const workers = Array.from({ length: o.workers }, () => new WorkerProcess(env.workerEnv, profileArgs(), o.bundle));
  for (const w of workers) w.start();
  await sleep(4000);
  const due = Date.now() + 5000;
  await schedulePosts(env, Array.from({ length: N }, (_, i) => ({ accountIndex: i % ACCOUNTS, text: `Burst ${i} ${due}`, at: new Date(due) })));
  for (;;) {
    const rows = await deliveryStatuses(env);
    if (rows.every((r) => r.status !== 'scheduled' && r.status !== 'publishing')) break;
    if (Date.now() > due + 120_000) throw new Error('pipeline burst did not finish in 2 minutes');
    await sleep(250);
  }
  const rows = await deliveryStatuses(env);
  const workerRssMb = Math.max(...workers.map((w) => peakRssMb(w.child?.pid) ?? 0));
  await Promise.all(workers.map((w) => w.kill('SIGTERM')));
  const published = rows.filter((r) => r.status === 'published');
  const lateness = published.map((r) => Date.parse(r.published_at!) - due);
  const last = Math.max(...published.map((r) => Date.parse(r.published_at!)));
  await env.close();
  return { database: o.database.dialect, workers: o.workers, published: published.length, lateness: latencyOf(lateness), throughputPerS: Math.round((published.length / Math.max(1, last - due)) * 1000 * 10) / 10, workerPeakRssMb: workerRssMb };
}

/** Bare BullMQ with the same delayed jobs, concurrency and HTTP call. */
async function baseline(redisUrl: string) {
  const env = await createFaultEnv({ accountCount: ACCOUNTS, redisUrl, latencyMs: LATENCY_MS });
  const prefix = `bench-baseline`;
  const child = spawn(process.execPath, ['tests/bench/baseline-worker.mjs'], {
    cwd: root,
    env: { ...process.env, BENCH_REDIS_URL: redisUrl, BENCH_EMULATOR_URL: env.emulator.url, BENCH_PREFIX: prefix, BENCH_CONCURRENCY: String(CONCURRENCY) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('baseline', { connection, prefix });
  const due = Date.now() + 5000;
  await queue.addBulk(Array.from({ length: N }, (_, i) => ({ name: 'p', data: { token: env.accounts[i % ACCOUNTS]!.accessToken, text: `Baseline ${i} ${due}` }, opts: { jobId: `b-${i}`, delay: due - Date.now() } })));
  for (;;) {
    const counts = await queue.getJobCounts('completed', 'failed');
    if ((counts.completed ?? 0) + (counts.failed ?? 0) >= N) break;
    if (Date.now() > due + 120_000) throw new Error('baseline burst did not finish in 2 minutes');
    await sleep(250);
  }
  const jobs = await queue.getJobs(['completed'], 0, N);
  const lateness = jobs.map((j) => Number(j.returnvalue) - due);
  const last = Math.max(...jobs.map((j) => Number(j.returnvalue)));
  const workerRssMb = peakRssMb(child.pid);
  child.kill('SIGTERM');
  await queue.close();
  connection.disconnect();
  await env.close();
  return { published: jobs.length, lateness: latencyOf(lateness), throughputPerS: Math.round((jobs.length / Math.max(1, last - due)) * 1000 * 10) / 10, workerPeakRssMb: workerRssMb };
}

export async function burstBench() {
  const redis = await benchRedis();
  const postgres = VARIANTS && postgresBinDir() ? startPrivatePostgres(await freePort()) : undefined;
  try {
    // The worker as deployed: built from the current source (npm start and start:worker do the same).
    const { buildWorker } = (await import(new URL('../../worker/build.mjs', import.meta.url).href)) as { buildWorker: (o: { force: boolean }) => Promise<string> };
    const bundle = await buildWorker({ force: true });
    const base = await baseline(redis.url);
    const siar = await pipeline(redis.url, { workers: 1, database: { dialect: 'sqlite' }, bundle });
    const variants = VARIANTS ? [await pipeline(redis.url, { workers: 3, database: { dialect: 'sqlite' }, bundle })] : [];
    if (postgres && VARIANTS) {
      for (const workers of [1, 3]) variants.push(await pipeline(redis.url, { workers, database: { dialect: 'postgres', postgresUrl: postgres.url }, bundle }));
    }
    return {
      variants: variants.map((v) => ({ database: v.database, workers: v.workers, throughputPerS: v.throughputPerS, latenessP99Ms: v.lateness.p99, workerPeakRssMb: v.workerPeakRssMb })),
      deliveries: N,
      accounts: ACCOUNTS,
      concurrency: CONCURRENCY,
      emulatorLatencyMs: LATENCY_MS,
      pipeline: siar,
      baseline: base,
      throughputRatio: Math.round((siar.throughputPerS / base.throughputPerS) * 100) / 100,
      p99LatenessDeltaMs: siar.lateness.p99 - base.lateness.p99,
      targets: { throughputRatio: '>= 0.7', p99LatenessDeltaMs: '<= 500', workerPeakRssMb: '<= 200' },
    };
  } finally {
    postgres?.stop();
    await redis.stop();
  }
}
