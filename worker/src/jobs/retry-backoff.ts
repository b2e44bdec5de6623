/** Exponential backoff with ±20% jitter: by default 30 s, 60 s, 2 min… capped at 30 min. */
export function retryDelayMs(attempt: number, baseMs = 30_000, random = Math.random): number {
  const base = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 30 * 60_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
