import { z } from 'zod';

export const MAINTENANCE_QUEUE = 'maintenance';
export const SWEEP_JOB = 'sweep';
export const SWEEP_SCHEDULER_ID = 'sweeper';

export const ZSweepJobData = z.object({}).strict();

export const REFRESH_TOKENS_JOB = 'refresh-tokens';
export const REFRESH_TOKENS_SCHEDULER_ID = 'token-refresher';
export const REFRESH_TOKENS_EVERY_MS = 5 * 60_000;
