/**
 * Fault injection for the X emulator, set through POST /_emulator/faults. Rates are drawn
 * from a seeded generator so a failing run can be replayed.
 */
export interface TFaults {
  /** Share of POST /2/tweets answered 503 before anything is stored. */
  error5xxRate: number;
  /** Share of POST /2/tweets that store the tweet, then hold the answer for `hangMs` and drop it. */
  timeoutAfterStoreRate: number;
  /** Share of POST /2/tweets that store the tweet, then reset the connection at once. */
  resetAfterStoreRate: number;
  /** When > 0: the N-th POST /2/tweets from now stores the tweet, then hangs like `timeoutAfterStoreRate` (a precise crash point). */
  hangAfterStoreAt: number;
  hangMs: number;
  /** The next N POST /2/tweets answer 429 with a reset `burstResetSeconds` ahead. */
  rateLimitBurst: number;
  burstResetSeconds: number;
  /** The next N metric reads (GET /2/tweets?ids=…) answer 429 with a reset `burstResetSeconds` ahead. */
  metricsRateLimitBurst: number;
  /** The next N requests with a bearer token answer 401 (a forced expiry). */
  force401: number;
  /** Share of timeline reads (read-back) answered 503. */
  timelineErrorRate: number;
  /** Share of refresh calls (POST /2/oauth2/token, refresh_token) answered 503; the refresh token stays valid. */
  refreshErrorRate: number;
  /** The next N refresh calls answer 400 invalid_request and drop the grant, as if X revoked the app. */
  refreshInvalidGrant: number;
  seed: number;
}

export function noFaults(): TFaults {
  return { error5xxRate: 0, timeoutAfterStoreRate: 0, resetAfterStoreRate: 0, hangAfterStoreAt: 0, hangMs: 30_000, rateLimitBurst: 0, metricsRateLimitBurst: 0, burstResetSeconds: 2, force401: 0, timelineErrorRate: 0, refreshErrorRate: 0, refreshInvalidGrant: 0, seed: 42 };
}

/** mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function mergeFaults(current: TFaults, patch: Record<string, unknown>): TFaults {
  const next = { ...current };
  for (const key of Object.keys(current) as (keyof TFaults)[]) {
    const value = patch[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) next[key] = value;
  }
  return next;
}
