import { z } from 'zod';
import { ZId } from './common';
import { ZDeliveryStatus } from './posts';
import { utcToZonedWallTime, zonedWallTimeToUtc } from '../time/zone';

/** The overview covers at most a year (a leap year's 366 days, so a calendar year always fits). */
export const ACTIVITY_MAX_RANGE_DAYS = 366;
/** Days without a published post before an account is flagged inactive, unless configured. */
export const ACTIVITY_DEFAULT_INACTIVE_DAYS = 7;
/** At or above this many failed/unconfirmed deliveries in the period an account "keeps failing". */
export const ACTIVITY_REPEATED_FAILURES = 3;
/** The zone activity is grouped in: Kabupaten Tangerang's (WIB). */
export const ACTIVITY_ZONE = 'Asia/Jakarta';

const ZRangeEdge = z.iso.datetime({ offset: true, error: (issue) => (issue.input === undefined ? 'required' : 'invalid_datetime') });

function withRange<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((q) => Date.parse(q.from) < Date.parse(q.to), { error: 'range_order', path: ['to'] })
    .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= ACTIVITY_MAX_RANGE_DAYS * 24 * 3600_000, { error: 'period_too_long', path: ['to'] });
}

/** `GET /api/activity?from&to&opdId` and `/api/activity.csv`: the period is [from, to). */
export const ZActivityQuery = withRange(z.object({ from: ZRangeEdge, to: ZRangeEdge, opdId: ZId.optional() }));
export type TActivityQuery = z.infer<typeof ZActivityQuery>;

export const ZActivityFlags = z.object({
  /** No post published in the configured number of days before the period's end (or now). */
  inactive: z.boolean(),
  /** ≥ 3 failed/unconfirmed deliveries in the period, or the last 3 finished deliveries failed. */
  repeatedFailures: z.boolean(),
  /** The account (for an OPD: one of its accounts) must be connected again. */
  needsReconnect: z.boolean(),
});
export type TActivityFlags = z.infer<typeof ZActivityFlags>;

/** Summed over the latest metric snapshot of each delivery published in the period. */
export const ZActivityEngagement = z.object({ likes: z.number().int(), reposts: z.number().int(), replies: z.number().int() });
export type TActivityEngagement = z.infer<typeof ZActivityEngagement>;

/** Counts of an account are its deliveries; counts of an OPD are distinct posts. */
const ZActivityCounts = z.object({
  /** Published in the period. */
  published: z.number().int(),
  /** Scheduled from now on (whatever the period). */
  scheduledAhead: z.number().int(),
  /** Failed or unconfirmed, due in the period. */
  failed: z.number().int(),
  lastPublishedAt: z.string().nullable(),
  /** Whole days between the last publication and the period's end (or now, when earlier). */
  lastPublishedAgeDays: z.number().int().nullable(),
  /** Median minutes from submission to the first review decision, for decisions in the period. */
  medianApprovalMinutes: z.number().nullable(),
  flags: ZActivityFlags,
  /**
   * Likes, reposts and replies of the deliveries published in the period (an OPD: its accounts').
   * Always sent by the server; optional only so that older fixtures of these types still compile.
   */
  engagement: ZActivityEngagement.optional(),
});

export const ZActivityAccount = ZActivityCounts.extend({
  id: ZId,
  opdId: ZId,
  platform: z.string(),
  handle: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'needs_reconnect', 'disabled']),
});
export type TActivityAccount = z.infer<typeof ZActivityAccount>;

/** One ISO week (Monday 00:00 WIB) overlapping the period, counted whole. */
export const ZActivityWeek = z.object({
  /** Monday, "yyyy-MM-dd" in WIB. */
  start: z.string(),
  published: z.number().int(),
  met: z.boolean(),
  /** The week is over (a week in progress that has not met its target yet is not a miss). */
  complete: z.boolean(),
});
export type TActivityWeek = z.infer<typeof ZActivityWeek>;

export const ZActivityOpd = ZActivityCounts.extend({
  id: ZId,
  name: z.string(),
  code: z.string(),
  weeklyTarget: z.number().int(),
  requiresApproval: z.boolean(),
  weeks: z.array(ZActivityWeek),
  /** null: no target set, or no week over yet and the current one not met yet. */
  targetMet: z.boolean().nullable(),
  accounts: z.array(ZActivityAccount),
});
export type TActivityOpd = z.infer<typeof ZActivityOpd>;

export const ZActivityTopPost = ZActivityEngagement.extend({
  postId: ZId,
  opdId: ZId,
  opdName: z.string(),
  excerpt: z.string(),
  publishedAt: z.string().nullable(),
  externalUrl: z.string().nullable(),
});
export type TActivityTopPost = z.infer<typeof ZActivityTopPost>;

export const ZActivityResponse = z.object({
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  inactiveDays: z.number().int(),
  opds: z.array(ZActivityOpd),
  /** The 5 posts published in the period with the most likes + reposts + replies. */
  topPosts: z.array(ZActivityTopPost),
});
export type TActivityResponse = z.infer<typeof ZActivityResponse>;

/** `GET /api/activity/deliveries`: an account's (or OPD's) published posts or failures of a period. */
export const ZActivityDeliveriesQuery = withRange(
  z.object({
    from: ZRangeEdge,
    to: ZRangeEdge,
    opdId: ZId.optional(),
    accountId: ZId.optional(),
    outcome: z.enum(['published', 'failed']),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  }),
);
export type TActivityDeliveriesQuery = z.infer<typeof ZActivityDeliveriesQuery>;

export const ZActivityDelivery = z.object({
  id: ZId,
  postId: ZId,
  opdId: ZId,
  opdName: z.string(),
  accountId: ZId,
  platform: z.string(),
  handle: z.string(),
  status: ZDeliveryStatus,
  excerpt: z.string(),
  scheduledAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  externalUrl: z.string().nullable(),
  /** The platform's reason: its kind, its message, and the kind in the caller's language. */
  error: z.object({ kind: z.string(), message: z.string(), label: z.string() }).nullable(),
});
export type TActivityDelivery = z.infer<typeof ZActivityDelivery>;
export const ZActivityDeliveriesResponse = z.object({ items: z.array(ZActivityDelivery) });
export type TActivityDeliveriesResponse = z.infer<typeof ZActivityDeliveriesResponse>;

const DAY_MS = 24 * 3600_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** [from, to) of a month "yyyy-MM" in WIB, as UTC instants. */
export function activityMonthRange(month: string, timeZone = ACTIVITY_ZONE): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: zonedWallTimeToUtc(`${month}-01`, '00:00', timeZone).toISOString(), to: zonedWallTimeToUtc(next, '00:00', timeZone).toISOString() };
}

/** [from, to) of the ISO week (Monday first) holding `instant`, in WIB. */
export function activityWeekRange(instant: Date, timeZone = ACTIVITY_ZONE): { from: string; to: string } {
  const { date } = utcToZonedWallTime(instant, timeZone);
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const monday = addDays(date, -weekday);
  return { from: zonedWallTimeToUtc(monday, '00:00', timeZone).toISOString(), to: zonedWallTimeToUtc(addDays(monday, 7), '00:00', timeZone).toISOString() };
}

/** The ISO weeks (WIB) overlapping [from, to): each Monday's date and the week's UTC bounds. */
export function activityWeeksOf(from: string, to: string, timeZone = ACTIVITY_ZONE): { start: string; from: string; to: string }[] {
  const weeks: { start: string; from: string; to: string }[] = [];
  let week = activityWeekRange(new Date(from), timeZone);
  while (Date.parse(week.from) < Date.parse(to)) {
    weeks.push({ start: utcToZonedWallTime(new Date(week.from), timeZone).date, ...week });
    week = activityWeekRange(new Date(week.to), timeZone);
  }
  return weeks;
}

/** `GET /api/activity/series?from&to&opdId&by`: the charts of the activity page, in WIB days and hours. */
export const ZActivitySeriesQuery = withRange(
  z.object({ from: ZRangeEdge, to: ZRangeEdge, opdId: ZId.optional(), by: z.enum(['opd', 'platform'], { error: 'invalid' }).default('opd') }),
);
export type TActivitySeriesQuery = z.infer<typeof ZActivitySeriesQuery>;

export const ZActivitySeriesResponse = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(['opd', 'platform']),
  /** The stacked series, largest first: OPD ids (label its name) or platform ids (label the id). */
  keys: z.array(z.object({ key: z.string(), label: z.string(), total: z.number().int() })),
  /** Every WIB day of the period: published deliveries (one per account) by OPD or platform, on the WIB day of published_at. */
  days: z.array(z.object({ date: z.string(), published: z.record(z.string(), z.number().int()) })),
  /** Every WIB day: published (by published_at) and failed, unconfirmed, missed (by scheduled_at). */
  outcomes: z.array(z.object({ date: z.string(), published: z.number().int(), failed: z.number().int(), unconfirmed: z.number().int(), missed: z.number().int() })),
  /** 7 × 24 cells: ISO weekday (1 = Monday) and hour in WIB of published deliveries. */
  hours: z.array(z.object({ weekday: z.number().int().min(1).max(7), hour: z.number().int().min(0).max(23), published: z.number().int() })),
});
export type TActivitySeriesResponse = z.infer<typeof ZActivitySeriesResponse>;
