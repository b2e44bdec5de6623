import { Router } from 'express';
import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import type { TDatabase } from '@siar/shared/node';

export function healthRouter(deps: { db: TDatabase; redis: Redis }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks = { database: false, redis: false };
    try {
      await sql`select 1`.execute(deps.db);
      checks.database = true;
    } catch {
      /* reported below */
    }
    try {
      checks.redis = (await deps.redis.ping()) === 'PONG';
    } catch {
      /* reported below */
    }
    const ready = checks.database && checks.redis;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks });
  });
  return router;
}
