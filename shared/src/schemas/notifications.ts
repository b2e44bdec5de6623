import { z } from 'zod';
import { ZId } from './common';

export const ZNotificationKind = z.enum([
  'approval_requested',
  'post_approved',
  'post_rejected',
  'post_expired',
  'delivery_failed',
  'delivery_unconfirmed',
  'account_needs_reconnect',
]);
export type TNotificationKind = z.infer<typeof ZNotificationKind>;

export const ZNotification = z.object({
  id: ZId,
  kind: ZNotificationKind,
  createdAt: z.string(),
  readAt: z.string().nullable(),
  postId: z.string().nullable(),
  accountId: z.string().nullable(),
  opdId: z.string().nullable(),
  /** What the message names: handle, platform, author, reviewer, comment, error… (never a secret). */
  params: z.record(z.string(), z.string()),
  /** Where in the app it leads. */
  link: z.string(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationListQuery = z.object({
  unread: z.enum(['0', '1']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TNotificationListQuery = z.infer<typeof ZNotificationListQuery>;

export const ZNotificationList = z.object({
  items: z.array(ZNotification),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});
export type TNotificationList = z.infer<typeof ZNotificationList>;

/** Mark some (by id) or all of one's notifications read. */
export const ZMarkNotificationsReadRequest = z.union([
  z.object({ ids: z.array(ZId).min(1).max(200) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type TMarkNotificationsReadRequest = z.infer<typeof ZMarkNotificationsReadRequest>;

/** Where one's notifications are also emailed (when the server has SMTP set up); null: in the app only. */
export const ZNotificationSettings = z.object({
  email: z.email({ error: 'invalid_email' }).max(254).nullable(),
  emailEnabled: z.boolean(),
});
export type TNotificationSettings = z.infer<typeof ZNotificationSettings>;

export const ZUpdateNotificationSettingsRequest = z.object({
  email: z.union([z.literal('').transform(() => null), z.email({ error: 'invalid_email' }).max(254, { error: 'too_big' }), z.null()]),
});
export type TUpdateNotificationSettingsRequest = z.infer<typeof ZUpdateNotificationSettingsRequest>;
