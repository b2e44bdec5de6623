import { describe, expect, it } from 'vitest';
import { queueCounts, queueTimeline } from './queue-timeline';

const post = (id: string) => ({ id, status: 'scheduled' as const, deliveryStatus: 'scheduled' as const, excerpt: `Post ${id}` });

describe('the upcoming queue of an account', () => {
  it('when slots and off-slot posts cross midnight WIB, then the timeline groups them by the WIB day, in time order', () => {
    const days = queueTimeline(
      {
        upcoming: [
          { at: '2026-11-29T17:30:00.000Z', weekday: 1, time: '00:30', posts: [post('a')] },
          { at: '2026-11-29T12:00:00.000Z', weekday: 7, time: '19:00', posts: [] },
        ],
        otherPosts: [{ ...post('b'), at: '2026-11-29T18:15:00.000Z' }],
      },
      'Asia/Jakarta',
    );
    expect(days.map((d) => d.date)).toEqual(['2026-11-29', '2026-11-30']);
    expect(days[0]?.items).toEqual([{ kind: 'slot', at: '2026-11-29T12:00:00.000Z', time: '19:00', posts: [] }]);
    expect(days[1]?.items.map((i) => [i.kind, i.time])).toEqual([
      ['slot', '00:30'],
      ['other', '01:15'],
    ]);
  });

  it('then free and taken slots are counted', () => {
    expect(
      queueCounts({
        upcoming: [
          { at: 'x', weekday: 1, time: '08:00', posts: [post('a')] },
          { at: 'y', weekday: 1, time: '12:00', posts: [] },
          { at: 'z', weekday: 2, time: '08:00', posts: [] },
        ],
      }),
    ).toEqual({ free: 2, taken: 1 });
  });
});
