import { Router } from 'express';
import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { freshWorkers, type TDatabase } from '@siar/shared/node';

async function check(fn: () => Promise<boolean>): Promise<boolean> {
  try {
    return await fn();
  } catch {
    return false;
  }
}

/** /healthz: the process is up. /readyz: database and Redis reachable, a worker heard from. */
export function healthRouter(deps: { db: TDatabase; redis: Redis; prefix: string; metrics: Registry }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks = {
      database: await check(async () => (await sql`select 1`.execute(deps.db), true)),
      redis: await check(async () => (await deps.redis.ping()) === 'PONG'),
      workers: await check(async () => (await freshWorkers(deps.redis, deps.prefix)) > 0),
    };
    const ready = checks.database && checks.redis && checks.workers;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.contentType).send(await deps.metrics.metrics());
  });
  return router;
}
