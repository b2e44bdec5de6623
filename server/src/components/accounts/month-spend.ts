import { AppError, rulesFor } from '@siar/shared';
import type { TDatabase, TPlatformSettings } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';

export interface TSpendRow {
  opdId: string;
  opdName: string;
  platform: string;
  posts: number;
  amount: number;
  currency: string;
}

/** A month in the user's zone is close enough for an estimate; WIB months start at 17:00 UTC the day before. */
function monthRange(month: string): { from: string; to: string } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new AppError('validation', { fieldErrors: [{ field: 'month', key: 'invalid' }] });
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (mo < 1 || mo > 12) throw new AppError('validation', { fieldErrors: [{ field: 'month', key: 'invalid' }] });
  const wib = 7 * 3600_000;
  return { from: new Date(Date.UTC(y, mo - 1, 1) - wib).toISOString(), to: new Date(Date.UTC(y, mo, 1) - wib).toISOString() };
}

/**
 * The month's estimated spend per OPD and platform: published deliveries priced by the
 * platform's billing rule (X: a post, or a post with a link) and the configured price table.
 */
export async function monthSpend(o: { db: TDatabase; auth: TAuth; month: string; settings: Record<string, TPlatformSettings> }): Promise<TSpendRow[]> {
  const { from, to } = monthRange(o.month);
  if (o.auth.opdIds?.length === 0) return [];
  let query = o.db
    .selectFrom('delivery')
    .innerJoin('post', 'post.id', 'delivery.post_id')
    .innerJoin('social_account', 'social_account.id', 'delivery.account_id')
    .innerJoin('opd', 'opd.id', 'social_account.opd_id')
    .select(['opd.id as opdId', 'opd.name as opdName', 'social_account.platform', 'delivery.text_override', 'post.text'])
    .where('delivery.status', '=', 'published')
    .where('delivery.published_at', '>=', from)
    .where('delivery.published_at', '<', to);
  if (o.auth.opdIds) query = query.where('social_account.opd_id', 'in', o.auth.opdIds);
  const rows = new Map<string, TSpendRow>();
  for (const r of await query.execute()) {
    const rules = rulesFor(r.platform);
    const prices = o.settings[r.platform]?.prices;
    if (!rules?.costOf || !prices) continue;
    const key = `${r.opdId}|${r.platform}`;
    const row = rows.get(key) ?? { opdId: r.opdId, opdName: r.opdName, platform: r.platform, posts: 0, amount: 0, currency: prices.currency };
    row.posts += 1;
    row.amount = Math.round((row.amount + rules.costOf(r.text_override ?? r.text, prices)) * 1000) / 1000;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.opdName.localeCompare(b.opdName));
}
