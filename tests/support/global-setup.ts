import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from './test-redis';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../server/src/launcher/free-port';
import { startPrivateRedis } from '../../server/src/launcher/private-redis';
import { startPrivatePostgres } from './private-postgres';

/**
 * One real redis-server per project on a free port (each test file uses its own queue prefix),
 * and for the postgres project one private PostgreSQL cluster (each file its own database).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'siar-test-redis-'));
  const redis = await startPrivateRedis({ dataDir: dir, bin: 'redis-server', log: () => undefined, env: process.env, quiet: true });
  project.provide('redisUrl', redis.url);
  const postgres = project.config.provide?.dialect === 'postgres' ? startPrivatePostgres(await freePort()) : undefined;
  project.provide('postgresUrl', postgres?.url ?? '');
  return async () => {
    await redis.process.stop(5000);
    postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
