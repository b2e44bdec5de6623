import { z } from 'zod';

export const MAINTENANCE_QUEUE = 'maintenance';
export const SWEEP_JOB = 'sweep';
export const SWEEP_SCHEDULER_ID = 'sweeper';

export const ZSweepJobData = z.object({}).strict();
