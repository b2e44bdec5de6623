import { CALENDAR_EXCERPT_LENGTH, type TCalendarAccount, type TCalendarItem, type TCalendarQuery, type TCalendarResponse } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findCalendarDeliveries, findCalendarPosts } from './calendar.repository';

/** `head` is the text's first LENGTH + 1 characters (code points, as the database counts them). */
function toExcerpt(head: string): string {
  if (head.length <= CALENDAR_EXCERPT_LENGTH) return head;
  const chars = Array.from(head);
  return chars.length > CALENDAR_EXCERPT_LENGTH ? `${chars.slice(0, CALENDAR_EXCERPT_LENGTH).join('')}…` : head;
}

/**
 * The posts of a range as the calendar draws them. Operators get the posts in their OPDs' scope
 * only (filed under one of them or going to one of their accounts, like the posts list); a
 * filter naming an OPD or account out of scope finds nothing.
 */
export async function listCalendar(o: { db: TDatabase; auth: TAuth; query: TCalendarQuery }): Promise<TCalendarResponse> {
  const posts = await findCalendarPosts(o.db, o.auth.opdIds, o.query);
  if (posts.length === 0) return { items: [] };
  // Read apart from the posts: a post moved into the range in between has no item (its accounts
  // are skipped), one moved out comes without accounts; the next fetch shows either right.
  const deliveries = await findCalendarDeliveries(o.db, o.auth.opdIds, o.query);
  const accountsOf = new Map<string, TCalendarAccount[]>();
  for (const d of deliveries) {
    const account: TCalendarAccount = { id: d.id, platform: d.platform, handle: d.handle, deliveryStatus: d.status as TCalendarAccount['deliveryStatus'] };
    const list = accountsOf.get(d.post_id);
    if (list) list.push(account);
    else accountsOf.set(d.post_id, [account]);
  }
  const items = posts.map(
    (p): TCalendarItem => ({
      id: p.id,
      status: p.status as TCalendarItem['status'],
      // Only posts with a time are selected.
      scheduledAt: p.scheduled_at!,
      revision: p.revision,
      opdId: p.opd_id,
      excerpt: toExcerpt(p.head),
      accounts: accountsOf.get(p.id) ?? [],
    }),
  );
  return { items };
}
