import { z } from 'zod';
import { ZId, ZIsoInstant } from './common';

export const ZPostStatus = z.enum([
  'draft',
  'pending_approval',
  'scheduled',
  'publishing',
  'published',
  'partially_published',
  'failed',
  'cancelled',
  'expired',
]);
export type TPostStatus = z.infer<typeof ZPostStatus>;

export const ZDeliveryStatus = z.enum([
  'draft',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'unconfirmed',
  'missed',
  'cancelled',
]);
export type TDeliveryStatus = z.infer<typeof ZDeliveryStatus>;

export const POST_TEXT_MAX = 10_000;

export const ZCreatePostRequest = z.object({
  accountIds: z
    .array(ZId, { error: 'accounts_required' })
    .min(1, { error: 'accounts_required' })
    .max(50, { error: 'too_many_accounts' })
    .refine((ids) => new Set(ids).size === ids.length, { error: 'duplicate_accounts' }),
  text: z
    .string({ error: 'text_required' })
    .trim()
    .min(1, { error: 'text_required' })
    .max(POST_TEXT_MAX, { error: 'text_too_long' }),
  scheduledAt: ZIsoInstant.nullable(),
  mediaIds: z.array(ZId).max(10).optional(),
  variants: z
    .record(ZId, z.object({ text: z.string().trim().min(1, { error: 'text_required' }).max(POST_TEXT_MAX) }))
    .optional(),
  submit: z.boolean().optional(),
});
export type TCreatePostRequest = z.infer<typeof ZCreatePostRequest>;

export const ZDelivery = z.object({
  id: ZId,
  accountId: ZId,
  platform: z.string(),
  handle: z.string(),
  status: ZDeliveryStatus,
  attempt: z.number().int(),
  externalId: z.string().nullable(),
  externalUrl: z.string().nullable(),
  publishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type TDelivery = z.infer<typeof ZDelivery>;

export const ZPost = z.object({
  id: ZId,
  opdId: ZId,
  authorId: ZId,
  authorName: z.string(),
  status: ZPostStatus,
  text: z.string(),
  scheduledAt: z.string().nullable(),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deliveries: z.array(ZDelivery),
});
export type TPost = z.infer<typeof ZPost>;

export const ZPostListQuery = z.object({
  from: ZIsoInstant.optional(),
  to: ZIsoInstant.optional(),
  opdId: ZId.optional(),
  accountId: ZId.optional(),
  status: ZPostStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TPostListQuery = z.infer<typeof ZPostListQuery>;
