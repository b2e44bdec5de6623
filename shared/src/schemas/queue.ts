import { z } from 'zod';
import { ZAccountStatus } from './accounts';
import { ZId } from './common';
import { ZDeliveryStatus, ZPostStatus } from './posts';

/** At most this many weekly posting times per account (e.g. 7 days × 7 times). */
export const QUEUE_SLOTS_MAX = 50;
/** How far ahead `GET /api/queue` looks, in days. */
export const QUEUE_DAYS_MAX = 31;
export const QUEUE_DAYS_DEFAULT = 14;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const ZWeekday = z
  .number({ error: 'invalid_weekday' })
  .int({ error: 'invalid_weekday' })
  .min(1, { error: 'invalid_weekday' })
  .max(7, { error: 'invalid_weekday' });
/** A wall-clock time "HH:mm" (24 h) in the account's zone. */
export const ZSlotTime = z.string({ error: 'invalid_time' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'invalid_time' });

export const ZQueueSlot = z.object({ weekday: ZWeekday, time: ZSlotTime });
export type TQueueSlot = z.infer<typeof ZQueueSlot>;

/** `PUT /api/accounts/:id/queue-slots`: the whole weekly set, replacing the previous one. */
export const ZQueueSlotsRequest = z
  .object({ slots: z.array(ZQueueSlot).max(QUEUE_SLOTS_MAX, { error: 'too_many_slots' }) })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.slots.forEach((slot, i) => {
      const key = `${slot.weekday} ${slot.time}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['slots', i], message: 'duplicate_slot' });
      seen.add(key);
    });
  });
export type TQueueSlotsRequest = z.infer<typeof ZQueueSlotsRequest>;

/** An account's weekly posting times, sorted by weekday then time. */
export const ZQueueSlots = z.object({ accountId: ZId, timezone: z.string(), slots: z.array(ZQueueSlot) });
export type TQueueSlots = z.infer<typeof ZQueueSlots>;

export const ZQueueQuery = z.object({
  accountId: ZId.optional(),
  days: z.coerce
    .number({ error: 'invalid_days' })
    .int({ error: 'invalid_days' })
    .min(1, { error: 'invalid_days' })
    .max(QUEUE_DAYS_MAX, { error: 'invalid_days' })
    .default(QUEUE_DAYS_DEFAULT),
});
export type TQueueQuery = z.infer<typeof ZQueueQuery>;

/** A post going to the account at an instant (one of its deliveries). */
export const ZQueuePost = z.object({
  id: ZId,
  status: ZPostStatus,
  deliveryStatus: ZDeliveryStatus,
  /** The start of the text this account gets. */
  excerpt: z.string(),
});
export type TQueuePost = z.infer<typeof ZQueuePost>;

/** One upcoming slot instant: free when `posts` is empty. */
export const ZQueueEntry = z.object({ at: z.string(), weekday: z.number().int(), time: z.string(), posts: z.array(ZQueuePost) });
export type TQueueEntry = z.infer<typeof ZQueueEntry>;

export const ZQueueAccount = z.object({
  accountId: ZId,
  handle: z.string(),
  displayName: z.string(),
  platform: z.string(),
  status: ZAccountStatus,
  opdId: ZId,
  opdName: z.string(),
  slots: z.array(ZQueueSlot),
  upcoming: z.array(ZQueueEntry),
  /** Posts scheduled in the window at a time that is not one of the account's slots. */
  otherPosts: z.array(ZQueuePost.extend({ at: z.string() })),
});
export type TQueueAccount = z.infer<typeof ZQueueAccount>;

/** `GET /api/queue`: per account, the slot instants in (from, to] and what takes them. */
export const ZQueue = z.object({ from: z.string(), to: z.string(), timezone: z.string(), items: z.array(ZQueueAccount) });
export type TQueue = z.infer<typeof ZQueue>;
