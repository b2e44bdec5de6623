import type { TCalendarItem } from '@siar/shared';
import { describe, expect, it } from 'vitest';
import { dropInstant, handleInitials, isMovable, toCalendarEvent, visibleRange } from './calendar-events';

const item = (over: Partial<TCalendarItem> = {}): TCalendarItem => ({
  id: 'p1',
  status: 'scheduled',
  scheduledAt: '2026-12-01T02:05:00.000Z',
  revision: 4,
  opdId: 'o1',
  excerpt: 'Jadwal posyandu',
  accounts: [{ id: 'a1', platform: 'x', handle: 'dinkes_kabtng', deliveryStatus: 'scheduled' }],
  ...over,
});

describe('posts as calendar events', () => {
  it('when a post is at 02:05 UTC, then the WIB calendar draws it at 09:05 on the same day', () => {
    const event = toCalendarEvent(item(), 'Asia/Jakarta');
    expect((event.start as Date).toISOString()).toBe('2026-12-01T09:05:00.000Z');
    expect(event.extendedProps?.item).toEqual(item());
  });

  it('when a post is late in the UTC evening, then it is on the next WIB day', () => {
    const event = toCalendarEvent(item({ scheduledAt: '2026-11-30T18:30:00.000Z' }), 'Asia/Jakarta');
    expect((event.start as Date).toISOString().slice(0, 10)).toBe('2026-12-01');
  });

  it('when a post is minutes before midnight, then it stays on its own day', () => {
    const event = toCalendarEvent(item({ scheduledAt: '2026-11-30T16:50:00.000Z' }), 'Asia/Jakarta');
    expect((event.start as Date).toISOString()).toBe('2026-11-30T23:50:00.000Z');
    expect((event.end as Date).toISOString()).toBe('2026-11-30T23:59:59.999Z');
    expect((toCalendarEvent(item(), 'Asia/Jakarta').end as Date).toISOString()).toBe('2026-12-01T09:35:00.000Z');
  });

  it('when dropped one day later in the month view, then the instant is 24 hours later with the same time of day', () => {
    const start = toCalendarEvent(item(), 'Asia/Jakarta').start as Date;
    expect(dropInstant(new Date(start.getTime() + 24 * 3600_000), 'Asia/Jakarta')).toBe('2026-12-02T02:05:00.000Z');
  });

  it('then a month view from the 30th to the 11th is read as WIB midnights', () => {
    expect(visibleRange(new Date('2026-11-30T00:00:00Z'), new Date('2027-01-11T00:00:00Z'), 'Asia/Jakarta')).toEqual({ from: '2026-11-29T17:00:00.000Z', to: '2027-01-10T17:00:00.000Z' });
  });

  it('then the colours follow the status, as the badges do', () => {
    expect(toCalendarEvent(item({ status: 'failed' }), 'Asia/Jakarta').backgroundColor).toBe('var(--mantine-color-red-light)');
    expect(toCalendarEvent(item({ status: 'published' }), 'Asia/Jakarta').borderColor).toBe('var(--mantine-color-green-filled)');
  });
});

describe('which posts can be dragged', () => {
  it.each([
    ['scheduled', item(), true],
    ['draft with a time', item({ status: 'draft', accounts: [{ id: 'a1', platform: 'x', handle: 'h', deliveryStatus: 'draft' }] }), true],
    ['failed, nothing out', item({ status: 'failed', accounts: [{ id: 'a1', platform: 'x', handle: 'h', deliveryStatus: 'failed' }, { id: 'a2', platform: 'x', handle: 'g', deliveryStatus: 'cancelled' }] }), true],
    ['failed, one unconfirmed', item({ status: 'failed', accounts: [{ id: 'a1', platform: 'x', handle: 'h', deliveryStatus: 'failed' }, { id: 'a2', platform: 'x', handle: 'g', deliveryStatus: 'unconfirmed' }] }), false],
    ['waiting for approval', item({ status: 'pending_approval', accounts: [{ id: 'a1', platform: 'x', handle: 'h', deliveryStatus: 'draft' }] }), true],
    ['expired unapproved', item({ status: 'expired', accounts: [{ id: 'a1', platform: 'x', handle: 'h', deliveryStatus: 'draft' }] }), true],
    ['published', item({ status: 'published', accounts: [{ id: 'a1', platform: 'x', handle: 'h', deliveryStatus: 'published' }] }), false],
    ['publishing', item({ status: 'publishing', accounts: [{ id: 'a1', platform: 'x', handle: 'h', deliveryStatus: 'publishing' }] }), false],
    ['cancelled', item({ status: 'cancelled', accounts: [{ id: 'a1', platform: 'x', handle: 'h', deliveryStatus: 'cancelled' }] }), false],
    ['scheduled but every delivery cancelled', item({ accounts: [{ id: 'a1', platform: 'x', handle: 'h', deliveryStatus: 'cancelled' }] }), false],
  ])('when the post is %s, then editable is %s', (_name, post, movable) => {
    expect(isMovable(post)).toBe(movable);
    expect(toCalendarEvent(post, 'Asia/Jakarta').editable).toBe(movable);
  });
});

describe('account avatars', () => {
  it('then initials come from the handle words', () => {
    expect(handleInitials('dinkes_kabtng')).toBe('DK');
    expect(handleInitials('@pemkabtangerang')).toBe('PE');
    expect(handleInitials('kec.tigaraksa')).toBe('KT');
    expect(handleInitials('')).toBe('?');
  });
});
