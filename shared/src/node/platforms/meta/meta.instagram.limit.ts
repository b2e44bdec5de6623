import { z } from 'zod';
import { PublishError } from '../publish-error';
import type { TMetaAdapterConfig } from './meta.config';
import { graph } from './meta.graph';

const ZLimit = z.object({
  data: z.array(z.object({ quota_usage: z.number().int().nonnegative(), config: z.object({ quota_total: z.number().int().positive(), quota_duration: z.number().int().positive() }).optional() })),
});
const ZRecent = z.object({ data: z.array(z.object({ timestamp: z.string() })) });
const DAY_S = 86_400;

/**
 * Instagram allows a number of API-published posts per rolling window (50 per 24 hours). Over
 * it, the delivery waits: rate_limited until the oldest post of the window leaves it, read from
 * the account's recent media (an hour from now when that cannot be told).
 */
export async function checkPublishingLimit(config: TMetaAdapterConfig, o: { igUserId: string; token: string }): Promise<void> {
  const { data } = await graph(config, { method: 'GET', path: `${o.igUserId}/content_publishing_limit`, token: o.token, params: { fields: 'quota_usage,config' } }, ZLimit);
  const usage = data[0];
  if (!usage) return;
  const total = usage.config?.quota_total ?? config.postsPer24h;
  if (usage.quota_usage < total) return;
  const windowMs = (usage.config?.quota_duration ?? DAY_S) * 1000;
  let resetAt = new Date(Date.now() + 3600_000);
  try {
    const since = Math.floor((Date.now() - windowMs) / 1000);
    const recent = await graph(config, { method: 'GET', path: `${o.igUserId}/media`, token: o.token, params: { fields: 'timestamp', since, limit: Math.min(total, 100) } }, ZRecent);
    const times = recent.data.map((m) => Date.parse(m.timestamp)).filter((t) => Number.isFinite(t) && t > Date.now() - windowMs);
    // The window holds `total` posts: a slot frees when the oldest of the newest `total` leaves it.
    const oldest = times.sort((a, b) => b - a).slice(0, total).at(-1);
    if (oldest !== undefined) resetAt = new Date(oldest + windowMs);
  } catch {
    /* the default above */
  }
  throw new PublishError('rate_limited', `Instagram's publishing limit is reached (${usage.quota_usage} of ${total} posts in ${Math.round(windowMs / 3600_000)} hours)`, { limitScope: 'account', resetAt });
}
