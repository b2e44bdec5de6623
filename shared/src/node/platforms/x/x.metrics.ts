import { z } from 'zod';
import type { TwitterApi } from 'twitter-api-v2';
import type { TPostMetrics } from '../adapter';
import { mapXError } from './x.errors';

/** GET /2/tweets takes at most 100 ids per request. */
export const X_METRICS_BATCH = 100;

const count = z.number().int().nonnegative();
const ZTweetsLookup = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        public_metrics: z
          .object({ like_count: count, retweet_count: count, reply_count: count, quote_count: count.optional(), impression_count: count.optional() })
          .passthrough()
          .optional(),
      }),
    )
    .optional(),
});

/**
 * Public metrics of tweets (GET /2/tweets?ids=…&tweet.fields=public_metrics), 100 ids a request.
 * Deleted or hidden tweets come back under `errors` and are left out. Quotes count as reposts;
 * impressions only when the tier answers `impression_count`.
 */
export async function readTweetMetrics(client: TwitterApi, ids: string[]): Promise<Record<string, TPostMetrics>> {
  const out: Record<string, TPostMetrics> = {};
  for (let i = 0; i < ids.length; i += X_METRICS_BATCH) {
    const batch = ids.slice(i, i + X_METRICS_BATCH);
    let raw: unknown;
    try {
      raw = await client.v2.get('tweets', { ids: batch.join(','), 'tweet.fields': 'public_metrics' });
    } catch (error) {
      throw mapXError(error, { sent: false });
    }
    const parsed = ZTweetsLookup.safeParse(raw);
    if (!parsed.success) throw mapXError(new Error('unexpected answer to GET /2/tweets'), { sent: false });
    for (const tweet of parsed.data.data ?? []) {
      const m = tweet.public_metrics;
      if (!m) continue;
      out[tweet.id] = {
        likes: m.like_count,
        reposts: m.retweet_count + (m.quote_count ?? 0),
        replies: m.reply_count,
        ...(m.impression_count !== undefined ? { impressions: m.impression_count } : {}),
      };
    }
  }
  return out;
}
