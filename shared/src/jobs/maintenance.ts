import { z } from 'zod';

export const MAINTENANCE_QUEUE = 'maintenance';
export const SWEEP_JOB = 'sweep';
export const SWEEP_SCHEDULER_ID = 'sweeper';
export const SWEEP_EVERY_MS = 30_000;

export const ZSweepJobData = z.object({}).strict();
