import type { Response } from 'express';

export const WINDOW_MS = 15 * 60_000;
export const DAY_MS = 24 * 3600_000;

/** X's error shape for the v2 API (application/problem+json). */
export function problem(res: Response, status: number, title: string, detail: string) {
  res.status(status).type('application/problem+json').json({ title, detail, type: 'about:blank', status });
}

/** Per-user 15-minute and per-app 24-hour windows, with X's headers. */
export function createLimits(config: { postsPer15Min: number; appPostsPer24h: number }) {
  const users = new Map<string, { start: number; count: number }>();
  let app = { start: Date.now(), count: 0 };
  return {
    clear: () => {
      users.clear();
      app = { start: Date.now(), count: 0 };
    },
    /** Answers the reset (unix seconds) when over a limit, after setting the headers. */
    take(userId: string, res: Response): number | undefined {
      const now = Date.now();
      const w = users.get(userId);
      const current = w && now - w.start < WINDOW_MS ? w : { start: now, count: 0 };
      users.set(userId, current);
      if (now - app.start >= DAY_MS) app = { start: now, count: 0 };
      const reset = Math.ceil((current.start + WINDOW_MS) / 1000);
      res.set({ 'x-rate-limit-limit': String(config.postsPer15Min), 'x-rate-limit-reset': String(reset) });
      if (app.count >= config.appPostsPer24h) {
        res.set({ 'x-app-limit-24hour-limit': String(config.appPostsPer24h), 'x-app-limit-24hour-remaining': '0', 'x-app-limit-24hour-reset': String(Math.ceil((app.start + DAY_MS) / 1000)), 'x-rate-limit-reset': String(Math.ceil((app.start + DAY_MS) / 1000)) });
        return Math.ceil((app.start + DAY_MS) / 1000);
      }
      if (current.count >= config.postsPer15Min) {
        res.set('x-rate-limit-remaining', '0');
        return reset;
      }
      current.count += 1;
      app.count += 1;
      res.set('x-rate-limit-remaining', String(config.postsPer15Min - current.count));
      return undefined;
    },
  };
}
