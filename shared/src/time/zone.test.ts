import { describe, expect, it } from 'vitest';
import { formatInZone, fromZonedWallClock, toZonedWallClock, zonedWallTimeToUtc } from './zone';

describe('wall clocks for views that draw in UTC', () => {
  it('when an instant is shown for Jakarta, then its UTC fields read as the WIB wall clock', () => {
    const wall = toZonedWallClock('2026-11-27T17:30:15.250Z', 'Asia/Jakarta');
    expect(wall.toISOString()).toBe('2026-11-28T00:30:15.250Z');
  });

  it('when the wall clock is read back, then it names the same instant, in zones east and west', () => {
    for (const zone of ['Asia/Jakarta', 'Asia/Jayapura', 'America/New_York']) {
      const instant = new Date('2026-03-08T06:59:00.000Z');
      expect(fromZonedWallClock(toZonedWallClock(instant, zone), zone).toISOString()).toBe(instant.toISOString());
    }
  });

  it('when a post is moved one day on the wall clock, then the instant moves 24 hours and keeps its time of day', () => {
    const wall = toZonedWallClock('2026-12-01T02:05:00.000Z', 'Asia/Jakarta');
    const nextDay = new Date(wall.getTime() + 24 * 3600_000);
    const moved = fromZonedWallClock(nextDay, 'Asia/Jakarta');
    expect(moved.toISOString()).toBe('2026-12-02T02:05:00.000Z');
    expect(formatInZone(moved, 'Asia/Jakarta')).toBe('02/12/2026 09:05 WIB');
  });

  it('when a zone changes its clocks, then a moved wall clock follows the zone, not a fixed offset', () => {
    // New York springs forward on 8 March 2026: 09:00 the day before is 14:00Z, the day after 13:00Z.
    const before = toZonedWallClock('2026-03-07T14:00:00.000Z', 'America/New_York');
    expect(before.toISOString()).toBe('2026-03-07T09:00:00.000Z');
    const after = fromZonedWallClock(new Date(before.getTime() + 2 * 24 * 3600_000), 'America/New_York');
    expect(after.toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('agrees with how typed times are read', () => {
    expect(fromZonedWallClock(new Date('2026-11-27T14:05:00.000Z'), 'Asia/Jakarta').toISOString()).toBe(zonedWallTimeToUtc('2026-11-27', '14:05', 'Asia/Jakarta').toISOString());
  });
});
