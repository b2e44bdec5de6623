import { z } from 'zod';
import { ZId } from './common';
import { ZDeliveryStatus, ZPostStatus } from './posts';

/** A calendar asks for at most this many days at once (a month view with its spill-over weeks). */
export const CALENDAR_MAX_RANGE_DAYS = 62;
/** How much of a post's text the calendar shows. */
export const CALENDAR_EXCERPT_LENGTH = 100;

/** An edge of the range: "required" when missing, else an ISO 8601 instant with its offset. */
const ZRangeEdge = z.iso.datetime({ offset: true, error: (issue) => (issue.input === undefined ? 'required' : 'invalid_datetime') });

/**
 * `GET /api/calendar?from&to&opdId&accountId&status`: posts whose scheduled time falls in
 * [from, to). `status` takes one status or several separated by commas.
 */
export const ZCalendarQuery = z
  .object({
    from: ZRangeEdge,
    to: ZRangeEdge,
    opdId: ZId.optional(),
    accountId: ZId.optional(),
    status: z
      .string()
      .max(300)
      .transform((s) => s.split(',').filter((part) => part !== ''))
      .pipe(z.array(ZPostStatus).max(ZPostStatus.options.length))
      .optional(),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { error: 'range_order', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= CALENDAR_MAX_RANGE_DAYS * 24 * 3600_000, { error: 'range_too_long', path: ['to'] });
export type TCalendarQuery = z.infer<typeof ZCalendarQuery>;

export const ZCalendarAccount = z.object({
  id: ZId,
  platform: z.string(),
  handle: z.string(),
  /** This account's delivery of the post. */
  deliveryStatus: ZDeliveryStatus,
});
export type TCalendarAccount = z.infer<typeof ZCalendarAccount>;

/** One post as the calendar draws it: no full text, no attempts, no errors (the drawer loads those). */
export const ZCalendarItem = z.object({
  id: ZId,
  status: ZPostStatus,
  scheduledAt: z.string(),
  /** For a drag: the PATCH sends it back, and a stale one answers 409. */
  revision: z.number().int(),
  opdId: ZId,
  /** The first CALENDAR_EXCERPT_LENGTH characters of the text, with "…" when cut. */
  excerpt: z.string(),
  accounts: z.array(ZCalendarAccount),
});
export type TCalendarItem = z.infer<typeof ZCalendarItem>;

export const ZCalendarResponse = z.object({ items: z.array(ZCalendarItem) });
export type TCalendarResponse = z.infer<typeof ZCalendarResponse>;
