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
  /** An instant, or null/absent for a draft; with `queue` it must be null or absent (the server picks it). */
  scheduledAt: ZIsoInstant.nullable().optional(),
  mediaIds: z.array(ZId).max(10).optional(),
  variants: z
    .record(ZId, z.object({ text: z.string().trim().min(1, { error: 'text_required' }).max(POST_TEXT_MAX) }))
    .optional(),
  /** A thread: the texts that follow the first, each published as a reply to the one before. */
  threadParts: z
    .array(z.string({ error: 'text_required' }).trim().min(1, { error: 'text_required' }).max(POST_TEXT_MAX, { error: 'text_too_long' }))
    .max(24, { error: 'too_many_thread_parts' })
    .optional(),
  submit: z.boolean().optional(),
  /** "Tambah ke antrean": the server picks the next slot free for every chosen account. */
  queue: z.boolean().optional(),
});
export type TCreatePostRequest = z.infer<typeof ZCreatePostRequest>;

/** When public metrics are collected, after publishing. */
export const ZMetricPoint = z.enum(['1h', '24h', '7d']);
export type TMetricPoint = z.infer<typeof ZMetricPoint>;

/** A delivery's latest engagement snapshot; `impressions` null where the platform does not answer them. */
export const ZDeliveryMetrics = z.object({
  likes: z.number().int(),
  reposts: z.number().int(),
  replies: z.number().int(),
  impressions: z.number().int().nullable(),
  point: ZMetricPoint,
  collectedAt: z.string(),
});
export type TDeliveryMetrics = z.infer<typeof ZDeliveryMetrics>;

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
  /** A thread's parts published so far on this account (0 until the first is out). */
  partsPublished: z.number().int(),
  /** This account's own text, when the post has a variant for it. */
  variantText: z.string().nullable(),
  /** When the next automatic try is due (a retry, or a wait for platform quota). */
  nextAttemptAt: z.string().nullable(),
  /** Closed set: rate_limited, transient, ambiguous, content_rejected, … (for the UI's hints). */
  errorKind: z.string().nullable(),
  error: z.string().nullable(),
  /** Only in a single post's answer. */
  attempts: z.array(z.lazy(() => ZDeliveryAttempt)).optional(),
  /** The latest public metrics collected, or null before the first point (or without metrics). */
  metrics: ZDeliveryMetrics.nullable(),
});
export type TDelivery = z.infer<typeof ZDelivery>;

/** Why a post waits for a supervisor: its OPD's policy, watch-words in its texts, or both. */
export const ZApprovalReason = z.enum(['opd_policy', 'watch_words']);
export type TApprovalReason = z.infer<typeof ZApprovalReason>;

export const ZApprovalNeeds = z.object({
  reasons: z.array(ZApprovalReason),
  /** The watch-words found, as the list spells them. */
  watchWords: z.array(z.string()),
});
export type TApprovalNeeds = z.infer<typeof ZApprovalNeeds>;

/** The latest approval decision on a post (a rejection's comment is for its author). */
export const ZPostReview = z.object({
  decision: z.enum(['approved', 'rejected']),
  comment: z.string().nullable(),
  reviewerName: z.string(),
  at: z.string(),
});
export type TPostReview = z.infer<typeof ZPostReview>;

export const ZPost = z.object({
  id: ZId,
  opdId: ZId,
  authorId: ZId,
  authorName: z.string(),
  status: ZPostStatus,
  text: z.string(),
  /** The thread's texts after the first (empty for a single post). */
  threadParts: z.array(z.string()),
  /** Attached media, in order (details through `GET /api/media/:id`). */
  mediaIds: z.array(ZId),
  scheduledAt: z.string().nullable(),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deliveries: z.array(ZDelivery),
  /** The latest approval decision, or null when none was made. */
  review: ZPostReview.nullable(),
  /** Only in the answer to a create or an edit. */
  warnings: z.array(z.lazy(() => ZPostWarning)).optional(),
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

export const ZUpdatePostRequest = z
  .object({
    text: z.string({ error: 'text_required' }).trim().min(1, { error: 'text_required' }).max(POST_TEXT_MAX, { error: 'text_too_long' }).optional(),
    scheduledAt: ZIsoInstant.nullable().optional(),
    /** The revision the editor saw: a stale one answers 409 instead of overwriting. */
    revision: z.number().int().positive().optional(),
  })
  .refine((b) => b.text !== undefined || b.scheduledAt !== undefined, { error: 'nothing_to_change' });
export type TUpdatePostRequest = z.infer<typeof ZUpdatePostRequest>;

export const ZMarkPublishedRequest = z.object({
  url: z.url({ protocol: /^https?$/, error: 'invalid_url' }).max(2000),
});
export type TMarkPublishedRequest = z.infer<typeof ZMarkPublishedRequest>;

export const ZDeliveryAttempt = z.object({
  number: z.number().int(),
  kind: z.enum(['publish', 'read_back']),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  errorKind: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  excerpt: z.string().nullable(),
});
export type TDeliveryAttempt = z.infer<typeof ZDeliveryAttempt>;

export const ZPostWarning = z.object({
  code: z.enum(['similar_content']),
  platform: z.string(),
  /** The accounts of this post the warning is about. */
  accountIds: z.array(ZId),
  /** Other posts with (nearly) the same text to accounts of this platform within the window. */
  otherPostIds: z.array(ZId),
  message: z.string(),
});
export type TPostWarning = z.infer<typeof ZPostWarning>;

export const ZCostEstimate = z.object({ currency: z.string(), amount: z.number(), byPlatform: z.record(z.string(), z.number()) });
export type TCostEstimate = z.infer<typeof ZCostEstimate>;

/** What the composer learns before saving: warnings and the estimated cost. */
export const ZPostCheck = z.object({
  warnings: z.array(ZPostWarning),
  estimatedCost: ZCostEstimate,
  /** Whether saving it with a time submits it for approval ("Ajukan") for this user, and why. */
  approval: ZApprovalNeeds.extend({ required: z.boolean() }).optional(),
});
export type TPostCheck = z.infer<typeof ZPostCheck>;

export const ZPostCheckRequest = z.object({
  accountIds: z.array(ZId).max(50),
  text: z.string().max(POST_TEXT_MAX),
  scheduledAt: ZIsoInstant.nullable().optional(),
  threadParts: z.array(z.string().max(POST_TEXT_MAX)).max(24).optional(),
  variants: z.record(ZId, z.object({ text: z.string().max(POST_TEXT_MAX) })).optional(),
  /** When editing: the post itself is not compared with itself. */
  postId: ZId.optional(),
});
export type TPostCheckRequest = z.infer<typeof ZPostCheckRequest>;
