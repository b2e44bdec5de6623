import { z } from 'zod';
import type { TReadBackResult } from '../adapter';
import { PublishError } from '../publish-error';
import { graph, type TGraphConfig } from './meta.graph';

/** Meta keeps the text as sent; compare without differences of spacing and Unicode form. */
export function normalizeMetaText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Reads at most this many pages of results; beyond that the answer is "cannot tell". */
const MAX_PAGES = 5;

const ZItems = z.object({
  data: z.array(z.object({ id: z.string(), text: z.string().optional(), at: z.string().optional(), permalink: z.string().optional() })),
  paging: z.object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
});

/**
 * Looks for the text among an account's items since `since`, newest first: a Page's feed
 * (`message`) or an Instagram account's media (`caption`). Absent only when every item since
 * then was read.
 */
export async function readBackItems(
  config: TGraphConfig,
  o: { path: string; token: string; textField: 'message' | 'caption'; timeField: 'created_time' | 'timestamp'; linkField: 'permalink_url' | 'permalink'; text: string; since: Date; pageSize: number },
): Promise<TReadBackResult | { status: 'found'; externalId: string; url: string | undefined }> {
  const wanted = normalizeMetaText(o.text);
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let raw;
    try {
      raw = await graph(config, { method: 'GET', path: o.path, token: o.token, params: { fields: `id,${o.textField},${o.timeField},${o.linkField}`, since: Math.floor(o.since.getTime() / 1000), limit: o.pageSize, after } }, z.object({ data: z.array(z.record(z.string(), z.unknown())), paging: z.unknown().optional() }));
    } catch (error) {
      return { status: 'unknown', reason: error instanceof PublishError ? error.message : String(error) };
    }
    const items = ZItems.safeParse({ ...raw, data: raw.data.map((d) => ({ id: d.id, text: d[o.textField], at: d[o.timeField], permalink: d[o.linkField] })) });
    if (!items.success) return { status: 'unknown', reason: 'unexpected answer while reading the account back' };
    const recent = items.data.data.filter((item) => !item.at || Date.parse(item.at) >= o.since.getTime());
    const match = recent.find((item) => item.text !== undefined && normalizeMetaText(item.text) === wanted);
    if (match) return { status: 'found', externalId: match.id, url: match.permalink };
    // Newest first: an item older than `since` means everything after it is older too.
    const reachedOlder = recent.length < items.data.data.length;
    after = items.data.paging?.next ? items.data.paging.cursors?.after : undefined;
    if (reachedOlder || !after) return { status: 'absent' };
  }
  return { status: 'unknown', reason: `more than ${MAX_PAGES} pages of posts since ${o.since.toISOString()}` };
}
