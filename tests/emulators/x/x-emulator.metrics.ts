import { Router, type Request, type Response } from 'express';
import type { TFaults } from './x-emulator.faults';
import { problem } from './x-emulator.http';
import type { TEmuState, TEmuUser } from './x-emulator.state';

interface TMetricsDeps {
  state: TEmuState;
  authUser: (req: Request, res: Response) => TEmuUser | undefined;
  faults: () => TFaults;
  /** The emulator's clock (moved by POST /_emulator/clock). */
  now: () => number;
  countRead: () => void;
}

interface TSetMetrics {
  likes: number;
  reposts: number;
  replies: number;
  /** null: answered without impression_count, as on tiers that do not give it. */
  impressions: number | null;
}

const READS_PER_15_MIN = 900;

/** Grows with the tweet's age on the emulator's clock, deterministically (no randomness). */
function grownMetrics(tweet: { id: string; createdAt: string }, nowMs: number): TSetMetrics {
  const minutes = Math.max(0, (nowMs - Date.parse(tweet.createdAt)) / 60_000);
  const likes = (Number(tweet.id.slice(-2)) % 7) + Math.floor(2 * Math.sqrt(minutes));
  return { likes, reposts: Math.floor(likes / 4), replies: Math.floor(likes / 6), impressions: 100 + 50 * likes };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * GET /2/tweets?ids=…&tweet.fields=public_metrics (X's tweet lookup, 1–100 ids): unknown ids come
 * back under `errors`, as X answers them. Metrics grow with age unless a test set them through
 * POST /_emulator/metrics `{ tweetId, likes, reposts, replies, impressions? (null: none) }`.
 */
export function createMetricsRoutes(deps: TMetricsDeps) {
  const set = new Map<string, TSetMetrics>();
  const router = Router();

  router.get('/2/tweets', (req, res) => {
    if (!deps.authUser(req, res)) return;
    deps.countRead();
    const faults = deps.faults();
    if (faults.metricsRateLimitBurst > 0) {
      faults.metricsRateLimitBurst -= 1;
      res.set({ 'x-rate-limit-limit': String(READS_PER_15_MIN), 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + faults.burstResetSeconds) });
      return problem(res, 429, 'Too Many Requests', 'Too Many Requests');
    }
    const ids = typeof req.query.ids === 'string' ? req.query.ids.split(',').filter(Boolean) : [];
    if (ids.length === 0 || ids.length > 100) return problem(res, 400, 'Invalid Request', 'The `ids` query parameter must hold 1 to 100 ids.');
    const fields = typeof req.query['tweet.fields'] === 'string' ? req.query['tweet.fields'].split(',') : [];
    const data = [];
    const errors = [];
    for (const id of ids) {
      const tweet = deps.state.tweets.find((t) => t.id === id);
      if (!tweet) {
        errors.push({ value: id, detail: `Could not find tweet with ids: [${id}].`, title: 'Not Found Error', resource_type: 'tweet', parameter: 'ids', resource_id: id, type: 'https://api.twitter.com/2/problems/resource-not-found' });
        continue;
      }
      const m = set.get(id) ?? grownMetrics(tweet, deps.now());
      const publicMetrics = { retweet_count: m.reposts, reply_count: m.replies, like_count: m.likes, quote_count: 0, bookmark_count: 0, ...(m.impressions === null ? {} : { impression_count: m.impressions }) };
      data.push({ id, text: tweet.text, edit_history_tweet_ids: [id], ...(fields.includes('public_metrics') ? { public_metrics: publicMetrics } : {}) });
    }
    res.set({ 'x-rate-limit-limit': String(READS_PER_15_MIN), 'x-rate-limit-remaining': String(READS_PER_15_MIN - 1) });
    res.json({ ...(data.length ? { data } : {}), ...(errors.length ? { errors } : {}) });
  });

  router.post('/_emulator/metrics', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { tweetId, likes, reposts, replies, impressions } = body;
    if (typeof tweetId !== 'string' || !deps.state.tweets.some((t) => t.id === tweetId)) return problem(res, 400, 'Bad Request', 'tweetId must name a stored tweet');
    if (!isCount(likes) || !isCount(reposts) || !isCount(replies)) return problem(res, 400, 'Bad Request', 'likes, reposts and replies must be integers ≥ 0');
    if (impressions !== undefined && impressions !== null && !isCount(impressions)) return problem(res, 400, 'Bad Request', 'impressions must be an integer ≥ 0 or null');
    set.set(tweetId, { likes, reposts, replies, impressions: impressions === undefined ? 100 + 50 * likes : impressions });
    res.status(204).end();
  });

  return { router, reset: () => set.clear() };
}
