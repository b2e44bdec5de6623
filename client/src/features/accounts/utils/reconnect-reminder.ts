import { RECONNECT_REMINDER_DAYS } from '@siar/shared';

const DAY_MS = 24 * 3600_000;

/**
 * Whole days left before an account's access ends (0 on its last day, negative once over), or
 * null when no reminder is due: Siar renews it itself, or the end is more than a week away.
 */
export function reconnectDaysLeft(reconnectBy: string | null | undefined, now = Date.now()): number | null {
  if (!reconnectBy) return null;
  const end = Date.parse(reconnectBy);
  if (!Number.isFinite(end) || end - now > RECONNECT_REMINDER_DAYS * DAY_MS) return null;
  return end <= now ? -1 : Math.floor((end - now) / DAY_MS);
}
