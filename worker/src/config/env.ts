import { z } from 'zod';
import { parseEnv, resolveCommonEnv, ZCommonEnv } from '@siar/shared/node';

const ZWorkerEnv = ZCommonEnv.extend({
  SIAR_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(50),
  /** Transient failures are retried this many times before the delivery fails. */
  SIAR_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
});

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = parseEnv(ZWorkerEnv, env);
  return { ...resolveCommonEnv(parsed), concurrency: parsed.SIAR_WORKER_CONCURRENCY, maxAttempts: parsed.SIAR_MAX_ATTEMPTS };
}
export type TWorkerConfig = ReturnType<typeof loadWorkerConfig>;
