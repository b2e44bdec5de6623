import { z } from 'zod';
import { ZId, ZIsoInstant } from './common';

/**
 * The actions written so far. Not a closed set: later features add theirs (`post.approved`…),
 * so the filter accepts any well-formed name and the UI falls back to the raw name.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.login_throttled',
  'auth.logout',
  'auth.password_changed',
  'auth.password_change_failed',
  'auth.password_reset',
  'user.created',
  'user.updated',
  'user.role_changed',
  'user.memberships_changed',
  'user.deactivated',
  'user.reactivated',
  'user.reset_link_created',
  'opd.created',
  'opd.updated',
  'account.connected',
  'account.reconnected',
  'account.disconnected',
  'account.connect_refused',
  'key.rotated',
  'post.created',
  'post.updated',
  'post.submitted',
  'post.approved',
  'post.rejected',
  'post.expired',
  'post.cancelled',
  'post.published',
  'post.failed',
  'post.unconfirmed',
  'post.missed',
  'watch_word.created',
  'watch_word.updated',
  'watch_word.deleted',
] as const;

export const ZAuditAction = z
  .string()
  .regex(/^[a-z_]+(\.[a-z_]+)+$/, { error: 'invalid' })
  .max(64);

export const ZAuditListQuery = z.object({
  opdId: ZId.optional(),
  actorId: ZId.optional(),
  action: ZAuditAction.optional(),
  from: ZIsoInstant.optional(),
  to: ZIsoInstant.optional(),
  /** The seq of the last event seen: the next page holds older events. */
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, { error: 'invalid' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TAuditListQuery = z.infer<typeof ZAuditListQuery>;

export const ZAuditEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  opdId: z.string().nullable(),
  opdName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

/** A person as the audit page's "who" filter lists them. */
export const ZAuditActor = z.object({ id: ZId, username: z.string(), name: z.string() });
export type TAuditActor = z.infer<typeof ZAuditActor>;
