import { AppError, type TQueue, type TQueuePost, type TQueueQuery, type TQueueSlot } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findAccounts, findAccountsByIds } from '../accounts/accounts.repository';
import { QUEUE_TIMEZONE, slotInstants } from './next-free-slot';
import { findHoldingDeliveries, findSlotsOfAccounts, type THoldingDelivery } from './queue.repository';

const EXCERPT_MAX = 80;
const DAY_MS = 86_400_000;

function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_MAX ? `${flat.slice(0, EXCERPT_MAX - 1)}…` : flat;
}

function toQueuePost(d: THoldingDelivery): TQueuePost {
  return {
    id: d.post_id,
    status: d.post_status as TQueuePost['status'],
    deliveryStatus: d.delivery_status as TQueuePost['deliveryStatus'],
    excerpt: excerptOf(d.text_override ?? d.text),
  };
}

/**
 * GET /api/queue: for each account in scope (or the one asked for), its slot instants in the
 * next `days` days, each with the posts holding it (none: free), and its other posts in that
 * window that are not on a slot.
 */
export async function getQueue(o: { db: TDatabase; auth: TAuth; query: TQueueQuery; now?: Date }): Promise<TQueue> {
  const now = o.now ?? new Date();
  const until = new Date(now.getTime() + o.query.days * DAY_MS);
  const accounts = o.query.accountId
    ? await findAccountsByIds(o.db, o.auth.opdIds, [o.query.accountId])
    : await findAccounts(o.db, o.auth.opdIds);
  if (o.query.accountId && accounts.length === 0) throw new AppError('not_found');
  const ids = accounts.map((a) => a.id);
  const slotsByAccount = new Map<string, TQueueSlot[]>(ids.map((id) => [id, []]));
  for (const row of await findSlotsOfAccounts(o.db, ids))
    slotsByAccount.get(row.account_id)?.push({ weekday: row.weekday, time: row.time });
  const holding = await findHoldingDeliveries(o.db, { accountIds: ids, after: now.toISOString(), until: until.toISOString() });

  // Per account, per instant (normalized ISO): the deliveries holding it, in time order.
  const byAccount = new Map<string, Map<string, THoldingDelivery[]>>(ids.map((id) => [id, new Map()]));
  for (const d of holding) {
    const at = new Date(d.scheduled_at!).toISOString();
    const instants = byAccount.get(d.account_id)!;
    instants.set(at, [...(instants.get(at) ?? []), d]);
  }

  const items = accounts.map((account) => {
    const slots = slotsByAccount.get(account.id) ?? [];
    const instants = byAccount.get(account.id)!;
    const upcoming = slotInstants(slots, now, until, QUEUE_TIMEZONE).map((s) => {
      const at = s.at.toISOString();
      return { at, weekday: s.weekday, time: s.time, posts: (instants.get(at) ?? []).map(toQueuePost) };
    });
    const onSlot = new Set(upcoming.map((u) => u.at));
    const otherPosts = [...instants]
      .filter(([at]) => !onSlot.has(at))
      .flatMap(([at, list]) => list.map((d) => ({ ...toQueuePost(d), at })));
    return {
      accountId: account.id,
      handle: account.handle,
      displayName: account.display_name,
      platform: account.platform,
      status: account.status,
      opdId: account.opd_id,
      opdName: account.opd_name,
      slots,
      upcoming,
      otherPosts,
    };
  });
  return { from: now.toISOString(), to: until.toISOString(), timezone: QUEUE_TIMEZONE, items };
}
