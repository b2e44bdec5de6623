import { isNearlySame, rulesFor, type TLocale, type TPostCheck, type TPostWarning } from '@siar/shared';
import type { TDatabase, TPlatformSettings } from '@siar/shared/node';
import { translate } from '../../libraries/i18n/messages';

export interface TCheckInput {
  accounts: { id: string; platform: string }[];
  /** The text each account would get (its variant, else the common text). */
  textOf: (accountId: string) => string;
  /** A thread's further parts: each is a post of its own on the bill. */
  threadParts?: string[] | undefined;
  scheduledAt: string | null;
  /** The post being edited, whose own deliveries are not "other posts". */
  postId?: string;
}

const LIVE = ['scheduled', 'publishing', 'published'];

/** Other posts' texts to accounts of a platform around a time, through the (status, scheduled_at) index. */
async function nearbyTexts(db: TDatabase, o: { platform: string; at: number; windowMs: number; postId?: string | undefined }) {
  let query = db
    .selectFrom('delivery')
    .innerJoin('post', 'post.id', 'delivery.post_id')
    .innerJoin('social_account', 'social_account.id', 'delivery.account_id')
    .select(['post.id as postId', 'delivery.text_override', 'post.text'])
    .where('delivery.status', 'in', LIVE)
    .where('delivery.scheduled_at', '>', new Date(o.at - o.windowMs).toISOString())
    .where('delivery.scheduled_at', '<', new Date(o.at + o.windowMs).toISOString())
    .where('social_account.platform', '=', o.platform)
    .limit(2000);
  if (o.postId) query = query.where('post.id', '!=', o.postId);
  return (await query.execute()).map((r) => ({ postId: r.postId, text: r.text_override ?? r.text }));
}

/**
 * Warnings a platform's own rules call for (X: the same or nearly the same text to several
 * accounts within 24 hours risks suspension), and the estimated cost where posts are billed.
 */
export async function checkPost(deps: { db: TDatabase; settings: Record<string, TPlatformSettings>; locale: TLocale }, input: TCheckInput): Promise<TPostCheck> {
  const warnings: TPostWarning[] = [];
  const byPlatform: Record<string, number> = {};
  let currency = 'USD';
  for (const platform of new Set(input.accounts.map((a) => a.platform))) {
    const rules = rulesFor(platform);
    const accounts = input.accounts.filter((a) => a.platform === platform);
    const prices = deps.settings[platform]?.prices;
    if (rules?.costOf && prices) {
      currency = prices.currency;
      const partsCost = (input.threadParts ?? []).reduce((sum, part) => sum + rules.costOf!(part, prices), 0);
      byPlatform[platform] = accounts.reduce((sum, a) => sum + rules.costOf!(input.textOf(a.id), prices) + partsCost, 0);
    }
    if (!rules?.similarContentWindowMs) continue;
    const at = input.scheduledAt ? Date.parse(input.scheduledAt) : Date.now();
    const others = await nearbyTexts(deps.db, { platform, at, windowMs: rules.similarContentWindowMs, postId: input.postId });
    const flagged = new Set<string>();
    const otherPostIds = new Set<string>();
    /** The other posts' deliveries that would carry a near-same text (each is one send). */
    const otherSends = new Set<number>();
    for (const a of accounts) {
      const text = input.textOf(a.id);
      if (accounts.some((b) => b.id !== a.id && isNearlySame(text, input.textOf(b.id)))) flagged.add(a.id);
      others.forEach((o, i) => {
        if (isNearlySame(text, o.text)) {
          flagged.add(a.id);
          otherPostIds.add(o.postId);
          otherSends.add(i);
        }
      });
    }
    if (flagged.size === 0) continue;
    // Sends in all: this post's flagged accounts and every near-same delivery of other posts.
    const message = translate(deps.locale, 'warning.similar_content', { platform: rules.name, count: flagged.size + otherSends.size }) ?? 'similar_content';
    warnings.push({ code: 'similar_content', platform, accountIds: [...flagged], otherPostIds: [...otherPostIds], message });
  }
  const amount = Math.round(Object.values(byPlatform).reduce((a, b) => a + b, 0) * 1000) / 1000;
  return { warnings, estimatedCost: { currency, amount, byPlatform } };
}

/** With a platform set to refuse, its warning becomes a 400 on the text. */
export function refusedWarnings(check: TPostCheck, settings: Record<string, TPlatformSettings>): TPostWarning[] {
  return check.warnings.filter((w) => settings[w.platform]?.similarContent === 'refuse');
}
