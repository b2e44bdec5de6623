/**
 * Fault injection for the Meta emulator, set through POST /_emulator/faults. Counters apply to
 * the next N matching calls and count down; an object fault applies once and is then cleared.
 */
export interface TMetaFaults {
  /** The next N writes (feed, photos, videos, IG media, media_publish) answer 500 (#2) before doing anything. */
  error5xxNext: number;
  /** The next N writes answer a throttling error with `throttleCode` (4, 17, 32, 613). */
  throttleNext: number;
  throttleCode: number;
  /** Minutes Meta's usage header gives as `estimated_time_to_regain_access`. */
  regainMinutes: number;
  /** The next N writes are refused with `rejectCode` (#368: blocked for a policy) and `rejectMessage`. */
  rejectNext: number;
  rejectCode: number;
  rejectMessage: string;
  /** The next N publishing calls (feed, videos, media_publish) store the post, then drop the answer after `hangMs`. */
  hangAfterStoreNext: number;
  hangMs: number;
  /** The next N reads of a feed or media list (read-back) answer 500. */
  readErrorNext: number;
  /** The next N engagement reads answer a throttling error with `throttleCode` and `regainMinutes`. */
  readThrottleNext: number;
  /** The item at `position` (1-based) of the next carousel ends in `status` with `message`. */
  carouselItem: { position: number; status: 'ERROR' | 'EXPIRED'; message: string } | null;
  /** The next single-item container ends in `status` with `message`. */
  nextContainer: { status: 'ERROR' | 'EXPIRED'; message: string } | null;
}

export function noFaults(): TMetaFaults {
  return { error5xxNext: 0, throttleNext: 0, throttleCode: 32, regainMinutes: 30, rejectNext: 0, rejectCode: 368, rejectMessage: 'It looks like you were misusing this feature by going too fast.', hangAfterStoreNext: 0, hangMs: 30_000, readErrorNext: 0, readThrottleNext: 0, carouselItem: null, nextContainer: null };
}

const isEnd = (v: unknown): v is 'ERROR' | 'EXPIRED' => v === 'ERROR' || v === 'EXPIRED';

export function mergeFaults(current: TMetaFaults, patch: Record<string, unknown>): TMetaFaults {
  const next = { ...current };
  for (const key of ['error5xxNext', 'throttleNext', 'throttleCode', 'regainMinutes', 'rejectNext', 'rejectCode', 'hangAfterStoreNext', 'hangMs', 'readErrorNext', 'readThrottleNext'] as const) {
    const value = patch[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) next[key] = value;
  }
  if (typeof patch.rejectMessage === 'string') next.rejectMessage = patch.rejectMessage;
  const item = patch.carouselItem as Record<string, unknown> | null | undefined;
  if (item === null) next.carouselItem = null;
  else if (item && typeof item.position === 'number' && item.position >= 1) next.carouselItem = { position: item.position, status: isEnd(item.status) ? item.status : 'ERROR', message: typeof item.message === 'string' ? item.message : 'ERROR' };
  const single = patch.nextContainer as Record<string, unknown> | null | undefined;
  if (single === null) next.nextContainer = null;
  else if (single && typeof single === 'object') next.nextContainer = { status: isEnd(single.status) ? single.status : 'ERROR', message: typeof single.message === 'string' ? single.message : 'ERROR' };
  return next;
}
