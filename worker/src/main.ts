import { hostname } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { COLLECT_METRICS_EVERY_MS, COLLECT_METRICS_JOB, COLLECT_METRICS_SCHEDULER_ID, MAINTENANCE_QUEUE, PUBLISH_QUEUE, REFRESH_TOKENS_EVERY_MS, REFRESH_TOKENS_JOB, REFRESH_TOKENS_SCHEDULER_ID, RESOLVE_JOB, SWEEP_JOB, SWEEP_SCHEDULER_ID } from '@siar/shared';
import { chainAuditOutbox, checkRedisConfig, createDatabase, createLogger, createPlatformRegistry, createPublishQueue, createRedis, loadKeyRing, migrateToLatest, signedMediaUrl, startAuditChainer, startHeartbeat } from '@siar/shared/node';
import { loadWorkerConfig } from './config/env';
import { createCollectMetricsProcessor } from './jobs/collect-metrics.processor';
import { createPublishProcessor } from './jobs/publish.processor';
import { createRefreshTokensProcessor } from './jobs/refresh-tokens.processor';
import { createResolveProcessor } from './jobs/resolve.processor';
import { createSweepProcessor } from './jobs/sweep.processor';
import { createWorkerMetrics } from './libraries/metrics';
import { startMetricsServer } from './libraries/metrics-server';
import { createRateLimiter } from './libraries/rate-limiter';

const config = loadWorkerConfig();
const logger = createLogger({ name: 'worker', level: config.LOG_LEVEL });
const db = createDatabase({ url: config.databaseUrl });
await migrateToLatest(db);
const ring = loadKeyRing({ envKey: config.SIAR_ENCRYPTION_KEY, keyFile: config.keyFile });
const connection = createRedis(config.redis, 'worker');
connection.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
const prefix = config.SIAR_QUEUE_PREFIX;

const redisProblems = await checkRedisConfig(connection);
for (const problem of redisProblems) logger.warn({ problem }, 'REDIS IS NOT SET UP AS SIAR NEEDS IT');
if (redisProblems.length && config.strictRedis) {
  logger.fatal('refusing to start (SIAR_STRICT_REDIS=1)');
  process.exit(1);
}

const metrics = createWorkerMetrics();
const publishQueue = createPublishQueue(connection, prefix);
const adapters = createPlatformRegistry(config.platforms);
const refresher = { db, ring, redis: connection, prefix, adapters, logger, onRefresh: (platform: string, outcome: string) => metrics.refreshes.inc({ platform, outcome }) };
const { publicBaseUrl } = config;
// Platforms that fetch media themselves (Meta) get signed addresses under Siar's public one.
const mediaUrl = publicBaseUrl ? (mediaId: string) => signedMediaUrl(ring, { baseUrl: publicBaseUrl, mediaId }) : undefined;
const deps = {
  db,
  ring,
  adapters,
  refresher,
  logger,
  limiter: createRateLimiter(connection, prefix),
  publishQueue,
  metrics,
  maxAttempts: config.maxAttempts,
  mediaDir: join(config.dataDir, 'media'),
  mediaUrl,
  retryBaseMs: config.retryBaseMs,
  maxLatenessMs: config.maxLatenessMs,
  settleMs: config.settleMs,
};
const handlers = { publish: createPublishProcessor(deps), resolve: createResolveProcessor(deps) };

// The worker refuses to start when a job it may receive has no handler (see the dispatch below).
const publishWorker = new Worker(PUBLISH_QUEUE, (job, token) => (job.name === RESOLVE_JOB ? handlers.resolve(job) : handlers.publish(job, token)), {
  connection,
  prefix,
  concurrency: config.concurrency,
  lockDuration: config.jobLockMs,
  stalledInterval: config.jobLockMs,
});
publishWorker.on('error', (err) => logger.error({ err: err.message }, 'publish worker error'));
publishWorker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'job failed'));
publishWorker.on('ready', () => logger.info({ concurrency: config.concurrency, maxLatenessMs: config.maxLatenessMs, settleMs: config.settleMs }, 'worker ready'));

// The sweeper: a job scheduler runs one sweep per interval however many workers run.
const maintenanceQueue = new Queue(MAINTENANCE_QUEUE, { connection, prefix });
const sweep = createSweepProcessor({ db, queue: publishQueue, logger, maxLatenessMs: config.maxLatenessMs, settleMs: config.settleMs });
const collectMetrics = createCollectMetricsProcessor(deps);
const maintenanceHandlers: Record<string, () => Promise<unknown>> = {
  [SWEEP_JOB]: sweep,
  [REFRESH_TOKENS_JOB]: createRefreshTokensProcessor(refresher),
  [COLLECT_METRICS_JOB]: () => collectMetrics(),
};
const maintenanceWorker = new Worker(
  MAINTENANCE_QUEUE,
  async (job) => {
    const handler = maintenanceHandlers[job.name];
    if (!handler) throw new Error(`no handler for maintenance job ${job.name}`);
    return handler();
  },
  { connection, prefix, concurrency: 1 },
);
maintenanceWorker.on('error', (err) => logger.error({ err: err.message }, 'maintenance worker error'));
const schedulerOpts = { removeOnComplete: 100, removeOnFail: 100 };
const upsertSchedulers = async () => {
  await maintenanceQueue.upsertJobScheduler(SWEEP_SCHEDULER_ID, { every: config.sweepEveryMs }, { name: SWEEP_JOB, data: {}, opts: schedulerOpts });
  await maintenanceQueue.upsertJobScheduler(REFRESH_TOKENS_SCHEDULER_ID, { every: REFRESH_TOKENS_EVERY_MS }, { name: REFRESH_TOKENS_JOB, data: {}, opts: schedulerOpts });
  await maintenanceQueue.upsertJobScheduler(COLLECT_METRICS_SCHEDULER_ID, { every: COLLECT_METRICS_EVERY_MS }, { name: COLLECT_METRICS_JOB, data: {}, opts: schedulerOpts });
};
await upsertSchedulers();
// If Redis lost its data (a FLUSHALL, a restore without AOF) the schedules are gone with it:
// every interval each worker checks, restores them, and sweeps at once so recovery takes one interval.
const sweeperKeeper = setInterval(() => {
  void maintenanceQueue
    .getJobScheduler(SWEEP_SCHEDULER_ID)
    .then(async (existing) => {
      if (existing) return;
      logger.warn('the maintenance schedules were missing from Redis; restoring them and sweeping now');
      await upsertSchedulers();
      await sweep();
    })
    .catch((err: unknown) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not check the sweeper schedule'));
}, config.sweepEveryMs);

// Publish outcomes' audit events wait unchained in the outbox; put them on the chain each second.
const auditChainer = startAuditChainer(db, { everyMs: 1000, onError: (err) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not chain the audit outbox') });

const stopHeartbeat = startHeartbeat(connection, prefix, `${hostname()}-${process.pid}`);
const metricsServer = config.metricsPort ? startMetricsServer(metrics.registry, config.metricsPort) : undefined;

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal, graceMs: config.shutdownGraceMs }, 'worker stopping: no new jobs, finishing those in flight');
  stopHeartbeat();
  clearInterval(sweeperKeeper);
  metricsServer?.close();
  // Jobs still running after the grace period keep their lease; read-back resolves them.
  const grace = new Promise((resolve) => setTimeout(resolve, config.shutdownGraceMs).unref());
  await Promise.race([Promise.all([publishWorker.close(), maintenanceWorker.close()]), grace]);
  await Promise.race([Promise.all([publishQueue.close(), maintenanceQueue.close()]), new Promise((r) => setTimeout(r, 2000).unref())]);
  await auditChainer.stop();
  await chainAuditOutbox(db).catch(() => undefined);
  connection.disconnect();
  await db.destroy().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
