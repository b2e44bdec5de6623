import { describe, expect, it } from 'vitest';
import type { TQueueSlot } from '@siar/shared';
import { nextFreeSlot, slotInstants } from './next-free-slot';

const slot = (weekday: number, time: string): TQueueSlot => ({ weekday, time });
const weekdays = (time: string) => [1, 2, 3, 4, 5].map((d) => slot(d, time));
const at = (iso: string) => new Date(iso);
const pick = (slots: Record<string, TQueueSlot[]>, now: string, taken: Record<string, string[]> = {}) =>
  nextFreeSlot({
    slotsByAccount: new Map(Object.entries(slots)),
    takenByAccount: new Map(Object.entries(taken).map(([id, list]) => [id, new Set(list)])),
    now: at(now),
  })?.toISOString() ?? null;

// 2026-11-30 is a Monday; WIB is UTC+7 all year.
describe('slotInstants', () => {
  it('when a slot is at 00:30 WIB on Monday, then its instant is Sunday 17:30 UTC', () => {
    const instants = slotInstants([slot(1, '00:30')], at('2026-11-29T12:00:00Z'), at('2026-12-01T00:00:00Z'));
    expect(instants).toEqual([{ at: at('2026-11-29T17:30:00Z'), weekday: 1, time: '00:30' }]);
  });

  it('when a slot is at 23:59 WIB on Sunday, then its instant is Sunday 16:59 UTC, before the UTC day ends', () => {
    const instants = slotInstants([slot(7, '23:59')], at('2026-12-06T00:00:00Z'), at('2026-12-07T00:00:00Z'));
    expect(instants.map((i) => i.at.toISOString())).toEqual(['2026-12-06T16:59:00.000Z']);
  });

  it('when slots are given in any order, then the instants come out in time order over two weeks', () => {
    const slots = [1, 2, 3, 4, 5, 6, 7].flatMap((d) => [slot(d, '19:00'), slot(d, '08:00')]);
    const instants = slotInstants(slots, at('2026-11-29T17:00:00Z'), at('2026-12-13T17:00:00Z'));
    expect(instants).toHaveLength(28);
    expect(instants[0]).toEqual({ at: at('2026-11-30T01:00:00Z'), weekday: 1, time: '08:00' });
    expect(instants[1]?.at.toISOString()).toBe('2026-11-30T12:00:00.000Z');
    const times = instants.map((i) => i.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('when the range ends before it starts or there are no slots, then there are no instants', () => {
    expect(slotInstants([slot(1, '08:00')], at('2026-12-01T00:00:00Z'), at('2026-11-30T00:00:00Z'))).toEqual([]);
    expect(slotInstants([], at('2026-11-30T00:00:00Z'), at('2026-12-30T00:00:00Z'))).toEqual([]);
  });
});

describe('nextFreeSlot', () => {
  it('when the next slot is later today, then it is picked', () => {
    expect(pick({ a: weekdays('12:00') }, '2026-11-30T01:00:00Z')).toBe('2026-11-30T05:00:00.000Z');
  });

  it('when it is Sunday night WIB, then the queue wraps to Monday of the next week', () => {
    const slots = { a: [slot(7, '21:00'), slot(1, '08:00')] };
    expect(pick(slots, '2026-12-06T15:00:00Z')).toBe('2026-12-07T01:00:00.000Z');
  });

  it('when a slot is at 00:30 WIB Monday and it is Sunday evening UTC, then the slot is that same UTC evening', () => {
    expect(pick({ a: [slot(1, '00:30')] }, '2026-11-29T17:00:00Z')).toBe('2026-11-29T17:30:00.000Z');
  });

  it('when the year changes in WIB before it does in UTC, then the slot of 1 January 06:00 WIB is 31 December 23:00 UTC', () => {
    expect(pick({ a: [slot(5, '06:00')] }, '2026-12-31T13:00:00Z')).toBe('2026-12-31T23:00:00.000Z');
  });

  it('when a slot is exactly one minute away, then it is too close and next week’s is picked; a second more and it is taken', () => {
    expect(pick({ a: [slot(1, '09:00')] }, '2026-11-30T01:59:00Z')).toBe('2026-12-07T02:00:00.000Z');
    expect(pick({ a: [slot(1, '09:00')] }, '2026-11-30T01:58:59Z')).toBe('2026-11-30T02:00:00.000Z');
  });

  it('when the next slots are taken, then the first free one after them is picked', () => {
    const taken = { a: ['2026-11-30T01:00:00.000Z', '2026-12-01T01:00:00.000Z'] };
    expect(pick({ a: weekdays('08:00') }, '2026-11-29T12:00:00Z', taken)).toBe('2026-12-02T01:00:00.000Z');
  });

  it('when several accounts are chosen, then the instant is a slot of each and free for each', () => {
    const slots = { a: [slot(1, '08:00'), slot(2, '08:00')], b: [slot(2, '08:00'), slot(3, '08:00')] };
    expect(pick(slots, '2026-11-29T12:00:00Z')).toBe('2026-12-01T01:00:00.000Z');
    expect(pick(slots, '2026-11-29T12:00:00Z', { b: ['2026-12-01T01:00:00.000Z'] })).toBe('2026-12-08T01:00:00.000Z');
  });

  it('when an account has no slots, or the accounts share none, then there is no slot', () => {
    expect(pick({ a: weekdays('08:00'), b: [] }, '2026-11-29T12:00:00Z')).toBeNull();
    expect(pick({ a: [slot(1, '08:00')], b: [slot(1, '08:01')] }, '2026-11-29T12:00:00Z')).toBeNull();
    expect(pick({}, '2026-11-29T12:00:00Z')).toBeNull();
  });

  it('when every slot of the next 8 weeks is taken, then there is no slot', () => {
    const slots = [slot(3, '10:00')];
    const taken = slotInstants(slots, at('2026-11-29T12:00:00Z'), at('2027-02-01T00:00:00Z')).map((s) => s.at.toISOString());
    expect(taken.length).toBeGreaterThanOrEqual(8);
    expect(pick({ a: slots }, '2026-11-29T12:00:00Z', { a: taken })).toBeNull();
    expect(pick({ a: slots }, '2026-11-29T12:00:00Z', { a: taken.slice(0, 7) })).toBe(taken[7]);
  });
});
