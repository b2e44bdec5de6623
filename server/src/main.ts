import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { Queue } from 'bullmq';
import { MAINTENANCE_QUEUE } from '@siar/shared';
import { checkRedisConfig, createDatabase, createLogger, createPlatformRegistry, createPublishQueue, createRedis, ensureKeyFile, loadKeyRing, migrateToLatest } from '@siar/shared/node';
import { createApp } from './app';
import { ensureAdmin } from './seed/ensure-admin';
import { deleteExpiredSessions } from './components/auth/sessions.repository';
import { loadServerConfig } from './config/env';
import { sweepIncomingUploads } from './components/media/sweep-incoming';
import { createPublishScheduler } from './libraries/queue/publish-scheduler';

const config = loadServerConfig();
const logger = createLogger({ name: 'server', level: config.LOG_LEVEL });
const db = createDatabase({ url: config.databaseUrl });
await migrateToLatest(db);
// A deployment started without the launcher: the first admin comes from SIAR_ADMIN_PASSWORD.
if (config.adminPassword && (await ensureAdmin(db, config.adminPassword))) logger.info('created the admin user from SIAR_ADMIN_PASSWORD');
else if (!(await db.selectFrom('user').select('id').limit(1).executeTakeFirst())) logger.warn('the database has no users: set SIAR_ADMIN_PASSWORD (at least 12 characters) and restart to create the admin');
if (!config.SIAR_ENCRYPTION_KEY && ensureKeyFile(config.keyFile)) logger.warn({ keyFile: config.keyFile }, 'created a new encryption key file: every server and worker must use the same key');
const ring = loadKeyRing({ envKey: config.SIAR_ENCRYPTION_KEY, keyFile: config.keyFile });
const redis = createRedis(config.redis, 'producer');
redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
const queue = createPublishQueue(redis, config.SIAR_QUEUE_PREFIX);
queue.on('error', (err) => logger.warn({ err: err.message }, 'queue error'));
const maintenance = new Queue(MAINTENANCE_QUEUE, { connection: redis, prefix: config.SIAR_QUEUE_PREFIX });
maintenance.on('error', (err) => logger.warn({ err: err.message }, 'queue error'));
redis.once('ready', () => {
  void checkRedisConfig(redis).then((problems) => {
    for (const problem of problems) logger.warn({ problem }, 'REDIS IS NOT SET UP AS SIAR NEEDS IT');
    if (problems.length && config.strictRedis) {
      logger.fatal('refusing to run (SIAR_STRICT_REDIS=1)');
      process.exit(1);
    }
  });
});
const app = createApp({
  db,
  redis,
  scheduler: createPublishScheduler(queue, redis, logger),
  queues: [queue, maintenance],
  webBaseUrls: Object.fromEntries(Object.entries(config.platforms).map(([id, p]) => [id, p.webBaseUrl])),
  ring,
  adapters: createPlatformRegistry(config.platforms),
  publicBaseUrl: config.publicBaseUrl,
  platformSettings: config.platformSettings,
  prefix: config.SIAR_QUEUE_PREFIX,
  logger,
  trustProxy: config.trustProxy,
  mediaDir: join(config.dataDir, 'media'),
  clientDistDir: config.clientDistDir ?? fileURLToPath(new URL('../../client/dist', import.meta.url)),
});

const server: Server = app.listen(config.port, config.host, () => {
  logger.info({ port: config.port, host: config.host }, 'server listening');
});
const mediaDir = join(config.dataDir, 'media');
const housekeeping = () => {
  void deleteExpiredSessions(db).catch(() => undefined);
  void sweepIncomingUploads(mediaDir)
    .then((removed) => removed > 0 && logger.info({ removed }, 'abandoned upload parts removed'))
    .catch(() => undefined);
};
housekeeping();
const cleanup = setInterval(housekeeping, 10 * 60_000);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'server stopping');
  clearInterval(cleanup);
  server.close();
  server.closeIdleConnections();
  await Promise.all([queue.close(), maintenance.close()]).catch(() => undefined);
  redis.disconnect();
  await db.destroy();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
