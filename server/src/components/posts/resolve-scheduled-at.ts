import { AppError } from '@siar/shared';

/** A schedule this close to now counts as "now" (clock skew, the minute being typed). */
const PAST_TOLERANCE_MS = 30_000;

/**
 * The instant a post is scheduled for, as stored: null stays null (a draft), a time within the
 * tolerance becomes now, an earlier one is refused naming `scheduledAt`.
 */
export function resolveScheduledAt(requested: string | null, now: Date): string | null {
  if (requested === null) return null;
  const at = new Date(requested).getTime();
  if (at < now.getTime() - PAST_TOLERANCE_MS) throw new AppError('validation', { fieldErrors: [{ field: 'scheduledAt', key: 'in_past' }] });
  return new Date(Math.max(at, now.getTime())).toISOString();
}
