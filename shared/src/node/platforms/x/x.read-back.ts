import { z } from 'zod';
import type { TwitterApi } from 'twitter-api-v2';
import type { TReadBackResult } from '../adapter';
import { mapXError } from './x.errors';

const ZTimelinePage = z.object({
  data: z.array(z.object({ id: z.string(), text: z.string() })).optional(),
  meta: z.object({ result_count: z.number(), next_token: z.string().optional() }).passthrough(),
});

/** X rewrites links to t.co and escapes &, < and >: compare texts without those differences. */
export function normalizeTweetText(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, '<url>')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads at most this many pages of 100 posts; beyond that the answer is "cannot tell". */
const MAX_PAGES = 5;

/**
 * Looks for the text among the account's posts since `since` (GET /2/users/:id/tweets).
 * Absent is answered only when every page was read.
 */
export async function readBackTweet(client: TwitterApi, userId: string, text: string, since: Date): Promise<TReadBackResult | { status: 'found'; externalId: string }> {
  const wanted = normalizeTweetText(text);
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let raw: unknown;
    try {
      raw = await client.v2.get(`users/${encodeURIComponent(userId)}/tweets`, {
        start_time: since.toISOString(),
        max_results: 100,
        ...(token ? { pagination_token: token } : {}),
      });
    } catch (error) {
      return { status: 'unknown', reason: mapXError(error, { sent: false }).message };
    }
    const parsed = ZTimelinePage.safeParse(raw);
    if (!parsed.success) return { status: 'unknown', reason: 'unexpected timeline answer' };
    const match = parsed.data.data?.find((t) => normalizeTweetText(t.text) === wanted);
    if (match) return { status: 'found', externalId: match.id };
    token = parsed.data.meta.next_token;
    if (!token) return { status: 'absent' };
  }
  return { status: 'unknown', reason: `more than ${MAX_PAGES * 100} posts since ${since.toISOString()}` };
}
