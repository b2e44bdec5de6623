import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from './test-redis';
import type { TestProject } from 'vitest/node';
import { startPrivateRedis } from '../../server/src/launcher/private-redis';

/** One real redis-server for the whole run, on a free port; each test file uses its own queue prefix. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'siar-test-redis-'));
  const redis = await startPrivateRedis({ dataDir: dir, bin: 'redis-server', log: () => undefined, env: process.env, quiet: true });
  project.provide('redisUrl', redis.url);
  return async () => {
    await redis.process.stop(5000);
    rmSync(dir, { recursive: true, force: true });
  };
}
