import { Worker } from 'bullmq';
import { PUBLISH_QUEUE } from '@siar/shared';
import { createDatabase, createLogger, createPlatformRegistry, createRedis, loadKeyRing, migrateToLatest } from '@siar/shared/node';
import { loadWorkerConfig } from './config/env';
import { createPublishProcessor } from './jobs/publish.processor';

const config = loadWorkerConfig();
const logger = createLogger({ name: 'worker', level: config.LOG_LEVEL });
const db = createDatabase({ url: config.databaseUrl });
await migrateToLatest(db);
const ring = loadKeyRing({ envKey: config.SIAR_ENCRYPTION_KEY, keyFile: config.keyFile });
const connection = createRedis(config.REDIS_URL, 'worker');
connection.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));

const processor = createPublishProcessor({ db, ring, adapters: createPlatformRegistry(config.platforms), logger, maxAttempts: config.maxAttempts });
const worker = new Worker(PUBLISH_QUEUE, processor, { connection, prefix: config.SIAR_QUEUE_PREFIX, concurrency: config.concurrency });
worker.on('error', (err) => logger.error({ err: err.message }, 'worker error'));
worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'job failed'));
worker.on('ready', () => logger.info({ concurrency: config.concurrency }, 'worker ready'));

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'worker stopping: finishing jobs in flight');
  await worker.close();
  connection.disconnect();
  await db.destroy();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
