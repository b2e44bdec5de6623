import type { EventInput } from '@fullcalendar/core';
import { describe, expect, it } from 'vitest';
import { limitPerDay, type TMoreInfo } from './limit-per-day';

const at = (iso: string, id = iso): EventInput => ({ id, start: new Date(iso) });

describe('a month cell with many posts', () => {
  it('when a day has no more posts than the limit, then they are all shown', () => {
    const events = [at('2026-12-01T09:00:00Z'), at('2026-12-01T10:00:00Z'), at('2026-12-01T11:00:00Z'), at('2026-12-02T09:00:00Z')];
    expect(limitPerDay(events, 3)).toEqual(events);
  });

  it('when a day has more, then its earliest posts are shown and one row counts the rest, at the end of that day', () => {
    const day = Array.from({ length: 10 }, (_, i) => at(`2026-12-01T${String(20 - i).padStart(2, '0')}:00:00Z`));
    const shown = limitPerDay([...day, at('2026-12-02T08:00:00Z')], 3);
    expect(shown.map((e) => e.id)).toEqual(['2026-12-01T11:00:00Z', '2026-12-01T12:00:00Z', 'more:2026-12-01', '2026-12-02T08:00:00Z']);
    const more = shown[2]!;
    expect(more.extendedProps?.more as TMoreInfo).toEqual({ date: '2026-12-01', count: 8 });
    expect(more.editable).toBe(false);
    expect((more.start as Date).toISOString()).toBe('2026-12-01T23:58:59.999Z');
    expect((more.end as Date).toISOString()).toBe('2026-12-01T23:59:59.999Z');
  });

  it('then 2,000 posts over a month become at most three rows a day', () => {
    const events = Array.from({ length: 2000 }, (_, i) => at(new Date(Date.UTC(2026, 5, 1 + (i % 30), 7 + (i % 11), i % 60)).toISOString(), `p${i}`));
    const shown = limitPerDay(events, 3);
    expect(shown).toHaveLength(90);
    expect(shown.filter((e) => e.extendedProps?.more).reduce((sum, e) => sum + (e.extendedProps!.more as TMoreInfo).count, 0)).toBe(2000 - 60);
  });
});
