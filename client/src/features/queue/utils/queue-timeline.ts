import { utcToZonedWallTime, type TQueueAccount, type TQueuePost } from '@siar/shared';

export type TTimelineItem =
  { kind: 'slot'; at: string; time: string; posts: TQueuePost[] } | { kind: 'other'; at: string; time: string; post: TQueuePost };

export interface TTimelineDay {
  /** Wall date "yyyy-MM-dd" in the zone. */
  date: string;
  items: TTimelineItem[];
}

/** An account's upcoming slots and its posts off the slots, in time order, by day on the zone's wall clock. */
export function queueTimeline(account: Pick<TQueueAccount, 'upcoming' | 'otherPosts'>, timezone: string): TTimelineDay[] {
  const items: TTimelineItem[] = [
    ...account.upcoming.map((u) => ({
      kind: 'slot' as const,
      at: u.at,
      time: utcToZonedWallTime(new Date(u.at), timezone).time,
      posts: u.posts,
    })),
    ...account.otherPosts.map(({ at, ...post }) => ({
      kind: 'other' as const,
      at,
      time: utcToZonedWallTime(new Date(at), timezone).time,
      post,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const days: TTimelineDay[] = [];
  for (const item of items) {
    const date = utcToZonedWallTime(new Date(item.at), timezone).date;
    const last = days[days.length - 1];
    if (last?.date === date) last.items.push(item);
    else days.push({ date, items: [item] });
  }
  return days;
}

/** Free and taken slots of the window. */
export function queueCounts(account: Pick<TQueueAccount, 'upcoming'>): { free: number; taken: number } {
  const taken = account.upcoming.filter((u) => u.posts.length > 0).length;
  return { free: account.upcoming.length - taken, taken };
}
