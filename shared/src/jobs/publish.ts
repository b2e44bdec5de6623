import { z } from 'zod';

export const PUBLISH_QUEUE = 'publish';
export const PUBLISH_JOB = 'publish-delivery';

/** Ids only: a job never carries text or credentials (Redis stores job data in clear). */
export const ZPublishJobData = z.object({
  deliveryId: z.string().min(1),
  revision: z.number().int().nonnegative(),
});
export type TPublishJobData = z.infer<typeof ZPublishJobData>;

/**
 * Deterministic job id: adding it twice is a no-op, and an edit (new revision) gets a new
 * job while the old one fails its claim. BullMQ forbids ':' in custom ids.
 */
export function publishJobId(data: TPublishJobData): string {
  return `publish-${data.deliveryId}-r${data.revision}`;
}

export const RESOLVE_JOB = 'resolve-delivery';

/** A lease that outlived the settle window, to be resolved by read-back. */
export const ZResolveJobData = z.object({
  deliveryId: z.string().min(1),
  leaseId: z.string().min(1),
});
export type TResolveJobData = z.infer<typeof ZResolveJobData>;

export function resolveJobId(data: TResolveJobData): string {
  return `resolve-${data.deliveryId}-${data.leaseId}`;
}
