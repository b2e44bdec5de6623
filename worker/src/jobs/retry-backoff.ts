import { randomInt } from 'node:crypto';

const JITTER_STEPS = 1_000_000;

/** A uniform number in [0, 1) from the OS's CSPRNG (Math.random is banned in server code). */
export function secureRandom(): number {
  return randomInt(JITTER_STEPS) / JITTER_STEPS;
}

/** Exponential backoff with ±20% jitter: by default 30 s, 60 s, 2 min… capped at 30 min. */
export function retryDelayMs(attempt: number, baseMs = 30_000, random: () => number = secureRandom): number {
  const base = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 30 * 60_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
