import { z } from 'zod';

export const MAINTENANCE_QUEUE = 'maintenance';
export const SWEEP_JOB = 'sweep';
export const SWEEP_SCHEDULER_ID = 'sweeper';

export const ZSweepJobData = z.object({}).strict();

export const REFRESH_TOKENS_JOB = 'refresh-tokens';
export const REFRESH_TOKENS_SCHEDULER_ID = 'token-refresher';
export const REFRESH_TOKENS_EVERY_MS = 5 * 60_000;

/** Public metrics of recent deliveries (issue #7): every 10 min, each point taken once. */
export const COLLECT_METRICS_JOB = 'collect-metrics';
export const COLLECT_METRICS_SCHEDULER_ID = 'metrics-collector';
export const COLLECT_METRICS_EVERY_MS = 10 * 60_000;
