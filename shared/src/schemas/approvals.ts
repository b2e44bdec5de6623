import { z } from 'zod';
import { ZOpdRef } from './auth';
import { ZId } from './common';
import { ZMedia } from './media';
import { ZApprovalNeeds, ZPost } from './posts';

export const POST_REVIEW_COMMENT_MAX = 1_000;

/** `POST /api/posts/:id/approve`: the revision the reviewer looked at. */
export const ZApproveRequest = z.object({ revision: z.number({ error: 'required' }).int().positive() });
export type TApproveRequest = z.infer<typeof ZApproveRequest>;

/** `POST /api/posts/:id/reject`: a reason is required; the author reads it on the post. */
export const ZRejectRequest = z.object({
  revision: z.number({ error: 'required' }).int().positive(),
  comment: z
    .string({ error: 'comment_required' })
    .trim()
    .min(1, { error: 'comment_required' })
    .max(POST_REVIEW_COMMENT_MAX, { error: 'comment_too_long' }),
});
export type TRejectRequest = z.infer<typeof ZRejectRequest>;

export const ZApprovalListQuery = z.object({
  opdId: ZId.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TApprovalListQuery = z.infer<typeof ZApprovalListQuery>;

export const ZApprovalAccount = z.object({ id: ZId, platform: z.string(), handle: z.string(), displayName: z.string() });
export type TApprovalAccount = z.infer<typeof ZApprovalAccount>;

/** One post in the approval queue: everything a reviewer needs to preview and decide. */
export const ZApprovalItem = z.object({
  post: ZPost,
  opd: ZOpdRef,
  accounts: z.array(ZApprovalAccount),
  media: z.array(ZMedia),
  needs: ZApprovalNeeds,
});
export type TApprovalItem = z.infer<typeof ZApprovalItem>;

export const ZApprovalCount = z.object({ count: z.number().int() });
export type TApprovalCount = z.infer<typeof ZApprovalCount>;

/** One event of a post's own audit trail (`GET /api/posts/:id/history`). */
export const ZPostHistoryEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TPostHistoryEvent = z.infer<typeof ZPostHistoryEvent>;
