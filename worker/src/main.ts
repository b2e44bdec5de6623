import { Queue, Worker } from 'bullmq';
import { MAINTENANCE_QUEUE, PUBLISH_QUEUE, SWEEP_EVERY_MS, SWEEP_JOB, SWEEP_SCHEDULER_ID } from '@siar/shared';
import { createDatabase, createLogger, createPlatformRegistry, createPublishQueue, createRedis, loadKeyRing, migrateToLatest } from '@siar/shared/node';
import { loadWorkerConfig } from './config/env';
import { createPublishProcessor } from './jobs/publish.processor';
import { createSweepProcessor } from './jobs/sweep.processor';

const config = loadWorkerConfig();
const logger = createLogger({ name: 'worker', level: config.LOG_LEVEL });
const db = createDatabase({ url: config.databaseUrl });
await migrateToLatest(db);
const ring = loadKeyRing({ envKey: config.SIAR_ENCRYPTION_KEY, keyFile: config.keyFile });
const connection = createRedis(config.REDIS_URL, 'worker');
connection.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
const prefix = config.SIAR_QUEUE_PREFIX;

const processor = createPublishProcessor({ db, ring, adapters: createPlatformRegistry(config.platforms), logger, maxAttempts: config.maxAttempts });
const publishWorker = new Worker(PUBLISH_QUEUE, processor, { connection, prefix, concurrency: config.concurrency });
publishWorker.on('error', (err) => logger.error({ err: err.message }, 'publish worker error'));
publishWorker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'job failed'));
publishWorker.on('ready', () => logger.info({ concurrency: config.concurrency }, 'worker ready'));

// The sweeper: a job scheduler runs one sweep per interval however many workers run.
const publishQueue = createPublishQueue(connection, prefix);
const maintenanceQueue = new Queue(MAINTENANCE_QUEUE, { connection, prefix });
const sweep = createSweepProcessor({ db, queue: publishQueue, logger });
const maintenanceWorker = new Worker(MAINTENANCE_QUEUE, async (job) => (job.name === SWEEP_JOB ? sweep() : undefined), { connection, prefix, concurrency: 1 });
maintenanceWorker.on('error', (err) => logger.error({ err: err.message }, 'maintenance worker error'));
await maintenanceQueue.upsertJobScheduler(SWEEP_SCHEDULER_ID, { every: SWEEP_EVERY_MS }, { name: SWEEP_JOB, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } });

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'worker stopping: finishing jobs in flight');
  await Promise.all([publishWorker.close(), maintenanceWorker.close()]);
  await Promise.all([publishQueue.close(), maintenanceQueue.close()]);
  connection.disconnect();
  await db.destroy();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
