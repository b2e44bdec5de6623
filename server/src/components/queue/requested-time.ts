import { AppError } from '@siar/shared';

/**
 * The time a new post asks for: an instant, or null for a draft (absent reads as a draft). With
 * `queue` the server picks the time, so none may be given.
 */
export function requestedTime(input: { scheduledAt?: string | null | undefined; queue?: boolean | undefined }): string | null {
  if (input.queue && input.scheduledAt != null)
    throw new AppError('validation', { fieldErrors: [{ field: 'scheduledAt', key: 'queue_with_time' }] });
  return input.scheduledAt ?? null;
}
