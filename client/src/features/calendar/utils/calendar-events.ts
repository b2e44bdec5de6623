import type { EventInput } from '@fullcalendar/core';
import { fromZonedWallClock, toZonedWallClock, type TCalendarItem, type TPostStatus } from '@siar/shared';

/** Same colours as the posts list's status badges (features/posts/components/status-badges.tsx). */
export const STATUS_COLORS: Record<TPostStatus, string> = {
  draft: 'gray',
  pending_approval: 'yellow',
  scheduled: 'blue',
  publishing: 'cyan',
  published: 'green',
  partially_published: 'orange',
  failed: 'red',
  cancelled: 'gray',
  expired: 'grape',
};

const PENDING = new Set<string>(['draft', 'scheduled']);
/** Never sent, or sent and refused: nothing of the post can be live. */
const NOT_OUT = new Set<string>(['failed', 'missed']);

/** Posts that move while something of them is still to publish (as the posts list's "Jadwalkan ulang"). */
const MOVABLE = new Set<string>(['draft', 'scheduled', 'pending_approval', 'expired']);

/**
 * Whether the server takes a new time for the post (PATCH /api/posts/:id): drafts, scheduled
 * posts, posts waiting for approval or expired unapproved (moved, they wait for approval again),
 * with something still to publish; and failed posts of which nothing went out. Published,
 * publishing and cancelled posts stay where they are.
 */
export function isMovable(item: TCalendarItem): boolean {
  if (MOVABLE.has(item.status)) return item.accounts.some((a) => PENDING.has(a.deliveryStatus));
  const remaining = item.accounts.filter((a) => a.deliveryStatus !== 'cancelled');
  return item.status === 'failed' && remaining.length > 0 && remaining.every((a) => NOT_OUT.has(a.deliveryStatus));
}

/** How long a post looks in the week view; it never reaches into the next day. */
const SHOWN_DURATION_MS = 30 * 60_000;

/**
 * A post as a FullCalendar event. The calendar draws in UTC, so the start is the wall clock of
 * the user's zone held in UTC fields; `dropInstant` undoes the shift.
 */
export function toCalendarEvent(item: TCalendarItem, timezone: string): EventInput {
  const color = STATUS_COLORS[item.status] ?? 'gray';
  const start = toZonedWallClock(item.scheduledAt, timezone);
  const endOfDay = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + 1) - 1;
  return {
    id: item.id,
    title: item.excerpt,
    start,
    end: new Date(Math.min(start.getTime() + SHOWN_DURATION_MS, endOfDay)),
    allDay: false,
    editable: isMovable(item),
    backgroundColor: `var(--mantine-color-${color}-light)`,
    borderColor: `var(--mantine-color-${color}-filled)`,
    textColor: `var(--mantine-color-${color}-light-color)`,
    extendedProps: { item },
  };
}

/** The instant an event dropped at `wallStart` (a wall clock in UTC fields) stands for. */
export function dropInstant(wallStart: Date, timezone: string): string {
  return fromZonedWallClock(wallStart, timezone).toISOString();
}

/** The instants [from, to) a view shows, from FullCalendar's UTC-drawn range. */
export function visibleRange(start: Date, end: Date, timezone: string): { from: string; to: string } {
  return { from: fromZonedWallClock(start, timezone).toISOString(), to: fromZonedWallClock(end, timezone).toISOString() };
}

/** Two letters for an account's avatar: "dinkes_kabtng" → "DK", "pemkabtangerang" → "PE". */
export function handleInitials(handle: string): string {
  const words = handle.replace(/^@/, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length >= 2) return `${words[0]![0]}${words[1]![0]}`.toUpperCase();
  return (words[0] ?? '?').slice(0, 2).toUpperCase();
}

/** Platform brand colours for the avatars, as data: a platform without one is grey. */
const PLATFORM_COLORS: Record<string, string> = { x: 'dark', facebook: 'blue', instagram: 'pink' };

export function platformColor(platform: string): string {
  return PLATFORM_COLORS[platform] ?? 'gray';
}
