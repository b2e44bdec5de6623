import { z } from 'zod';
import { parseEnv, resolveCommonEnv, ZCommonEnv } from '@siar/shared/node';

const ZWorkerEnv = ZCommonEnv.extend({
  SIAR_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(50),
  /** Transient failures are retried this many times before the delivery fails. */
  SIAR_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** Minutes past its time after which a delivery is `missed` instead of published. */
  SIAR_MAX_LATENESS: z.coerce.number().min(0.05).max(7 * 24 * 60).default(60),
  /** How long a publishing lease may be held before read-back decides (ms). */
  SIAR_SETTLE_MS: z.coerce.number().int().min(200).max(3600_000).default(60_000),
  /** 0 = no metrics endpoint. */
  SIAR_WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SIAR_STRICT_REDIS: z.enum(['0', '1', '']).optional(),
  /** How often the sweeper runs (the job scheduler's interval). */
  SIAR_SWEEP_EVERY_MS: z.coerce.number().int().min(200).max(3600_000).default(30_000),
  /** First retry delay after a transient error; doubles at each attempt (with jitter). */
  SIAR_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3600_000).default(30_000),
  /** BullMQ job lock; a killed worker's jobs are seen as stalled after it expires. */
  SIAR_JOB_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Graceful stop: how long in-flight jobs may take before the worker exits anyway. */
  SIAR_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
  /** Siar's public address: platforms that fetch media themselves (Meta) get signed links under it. */
  PUBLIC_BASE_URL: z.url().optional(),
});

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = parseEnv(ZWorkerEnv, env);
  const common = resolveCommonEnv(parsed);
  // Read-back must wait until no request of the dead worker can still land on the platform.
  const longestTimeout = Math.max(...Object.values(common.platforms).map((p) => p.requestTimeoutMs));
  if (parsed.SIAR_SETTLE_MS <= longestTimeout) {
    throw new Error(`invalid configuration:\n  SIAR_SETTLE_MS (${parsed.SIAR_SETTLE_MS}) must be longer than the longest platform request timeout (${longestTimeout} ms)`);
  }
  return {
    ...common,
    concurrency: parsed.SIAR_WORKER_CONCURRENCY,
    maxAttempts: parsed.SIAR_MAX_ATTEMPTS,
    maxLatenessMs: Math.round(parsed.SIAR_MAX_LATENESS * 60_000),
    settleMs: parsed.SIAR_SETTLE_MS,
    metricsPort: parsed.SIAR_WORKER_METRICS_PORT,
    strictRedis: parsed.SIAR_STRICT_REDIS === '1',
    shutdownGraceMs: parsed.SIAR_SHUTDOWN_GRACE_MS,
    sweepEveryMs: parsed.SIAR_SWEEP_EVERY_MS,
    retryBaseMs: parsed.SIAR_RETRY_BASE_MS,
    jobLockMs: parsed.SIAR_JOB_LOCK_MS,
    publicBaseUrl: parsed.PUBLIC_BASE_URL,
  };
}
export type TWorkerConfig = ReturnType<typeof loadWorkerConfig>;
