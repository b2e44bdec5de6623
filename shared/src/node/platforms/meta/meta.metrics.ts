import { z } from 'zod';
import type { TPostMetrics, TRateLimit } from '../adapter';
import { PublishError } from '../publish-error';
import type { TMetaAdapterConfig } from './meta.config';
import { graph } from './meta.graph';

/** Graph answers at most 50 ids in one multiple-id read (`GET /?ids=…`). */
export const META_IDS_PER_READ = 50;

/**
 * Engagement reads count against Meta's Business Use Case limits (Pages: 4,800 calls × engaged
 * users per 24 h per Page); one call an hour per account per collection point is far below, so
 * this window only keeps a backlog from bursting. A throttle answer (#32, #80001…) still blocks
 * the account until the time Meta gives.
 */
export const META_METRICS_LIMITS: TRateLimit[] = [{ scope: 'account', windowMs: 3600_000, max: 60 }];

const count = z.number().int().nonnegative();
const ZEdgeTotal = z.object({ summary: z.object({ total_count: count }).passthrough() }).passthrough();

/** Reactions of every kind count as likes; shares as reposts; comments as replies. */
const ZFacebookNode = z
  .object({ reactions: ZEdgeTotal.optional(), comments: ZEdgeTotal.optional(), shares: z.object({ count }).passthrough().optional() })
  .passthrough()
  .transform((n): TPostMetrics => ({ likes: n.reactions?.summary.total_count ?? 0, reposts: n.shares?.count ?? 0, replies: n.comments?.summary.total_count ?? 0 }));

/** Instagram has no share count in this API; `like_count` is absent when the owner hides likes. */
const ZInstagramNode = z
  .object({ like_count: count.optional(), comments_count: count.optional() })
  .passthrough()
  .transform((n): TPostMetrics => ({ likes: n.like_count ?? 0, reposts: 0, replies: n.comments_count ?? 0 }));

const EDGE_TOTALS = 'reactions.summary(true).limit(0),comments.summary(true).limit(0)';
/** A Page post's id is `<page>_<post>`; a video published through /videos is answered by its own id. */
const isPagePost = (id: string) => id.includes('_');

/**
 * The metrics of some nodes, 50 ids a read. Graph refuses a whole multiple-id read (#100) when one
 * id is gone, so a refused read is taken again id by id, and the ids refused alone (deleted, or
 * no longer the Page's) are left out. Throttling and token errors are thrown as they come.
 */
async function readNodes(config: TMetaAdapterConfig, o: { token: string; ids: string[]; fields: string; schema: z.ZodType<TPostMetrics> }): Promise<Record<string, TPostMetrics>> {
  const out: Record<string, TPostMetrics> = {};
  const refusedRead = (error: unknown) => error instanceof PublishError && error.kind === 'content_rejected';
  for (let i = 0; i < o.ids.length; i += META_IDS_PER_READ) {
    const batch = o.ids.slice(i, i + META_IDS_PER_READ);
    try {
      Object.assign(out, await graph(config, { method: 'GET', path: '', token: o.token, params: { ids: batch.join(','), fields: o.fields } }, z.record(z.string(), o.schema)));
      continue;
    } catch (error) {
      if (!refusedRead(error)) throw error;
    }
    for (const id of batch) {
      try {
        out[id] = await graph(config, { method: 'GET', path: id, token: o.token, params: { fields: o.fields } }, o.schema);
      } catch (error) {
        if (!refusedRead(error)) throw error;
      }
    }
  }
  return out;
}

/** Facebook: reactions, comments and shares of Page posts; reactions and comments of videos (which have no share count). */
export async function readFacebookMetrics(config: TMetaAdapterConfig, o: { token: string; externalIds: string[] }): Promise<Record<string, TPostMetrics>> {
  const posts = o.externalIds.filter(isPagePost);
  const videos = o.externalIds.filter((id) => !isPagePost(id));
  return {
    ...(posts.length ? await readNodes(config, { token: o.token, ids: posts, fields: `${EDGE_TOTALS},shares`, schema: ZFacebookNode }) : {}),
    ...(videos.length ? await readNodes(config, { token: o.token, ids: videos, fields: EDGE_TOTALS, schema: ZFacebookNode }) : {}),
  };
}

/** Instagram: likes and comments of the account's media. */
export function readInstagramMetrics(config: TMetaAdapterConfig, o: { token: string; externalIds: string[] }): Promise<Record<string, TPostMetrics>> {
  return readNodes(config, { token: o.token, ids: o.externalIds, fields: 'like_count,comments_count', schema: ZInstagramNode });
}
