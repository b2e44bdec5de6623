import type { TActivitySeriesQuery, TActivitySeriesResponse } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findMissedPerHour, findPublishedPerHour } from './activity-series.repository';
import { scopeOpds } from './get-activity-overview';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** WIB is UTC+7 all year (Indonesia has no daylight saving time). */
const WIB_OFFSET_MS = 7 * HOUR_MS;

/** The WIB wall clock of a UTC hour bucket ("yyyy-MM-ddTHH"): its date, ISO weekday and hour. */
export function wibOfUtcHour(utcHour: string): { date: string; weekday: number; hour: number } {
  const wall = new Date(Date.parse(`${utcHour}:00:00.000Z`) + WIB_OFFSET_MS);
  return { date: wall.toISOString().slice(0, 10), weekday: ((wall.getUTCDay() + 6) % 7) + 1, hour: wall.getUTCHours() };
}

/** Every WIB date touched by [from, to). */
export function wibDatesOf(from: string, to: string): string[] {
  const first = Date.parse(new Date(Date.parse(from) + WIB_OFFSET_MS).toISOString().slice(0, 10));
  const last = Date.parse(new Date(Date.parse(to) - 1 + WIB_OFFSET_MS).toISOString().slice(0, 10));
  const dates: string[] = [];
  for (let day = first; day <= last; day += DAY_MS) dates.push(new Date(day).toISOString().slice(0, 10));
  return dates;
}

/**
 * The charts of a period [from, to): publications per WIB day stacked by OPD or platform, outcomes
 * per WIB day and a weekday × hour heatmap. SQL groups by UTC hour over indexed columns (a month is
 * at most 744 hours per key); the shift to WIB days and hours happens here. An OPD outside the
 * caller's answers 404 (scopeOpds).
 */
export async function getActivitySeries(o: { db: TDatabase; auth: TAuth; query: TActivitySeriesQuery }): Promise<TActivitySeriesResponse> {
  const from = new Date(o.query.from).toISOString();
  const to = new Date(o.query.to).toISOString();
  const by = o.query.by;
  const opds = await scopeOpds(o.db, o.auth, o.query.opdId);
  const opdIds = opds.map((opd) => opd.id);
  const [published, missed] = await Promise.all([findPublishedPerHour(o.db, { opdIds, from, to, by }), findMissedPerHour(o.db, { opdIds, from, to })]);

  const dates = wibDatesOf(from, to);
  const days = new Map(dates.map((date) => [date, {} as Record<string, number>]));
  const outcomes = new Map(dates.map((date) => [date, { date, published: 0, failed: 0, unconfirmed: 0, missed: 0 }]));
  const hours = Array.from({ length: 7 * 24 }, (_, i) => ({ weekday: Math.floor(i / 24) + 1, hour: i % 24, published: 0 }));
  const totals = new Map<string, number>();

  for (const row of published) {
    const wib = wibOfUtcHour(row.hour);
    const day = days.get(wib.date);
    if (day) day[row.key] = (day[row.key] ?? 0) + row.n;
    const outcome = outcomes.get(wib.date);
    if (outcome) outcome.published += row.n;
    hours[(wib.weekday - 1) * 24 + wib.hour]!.published += row.n;
    totals.set(row.key, (totals.get(row.key) ?? 0) + row.n);
  }
  for (const row of missed) {
    const outcome = outcomes.get(wibOfUtcHour(row.hour).date);
    if (outcome) outcome[row.status] += row.n;
  }

  const names = new Map(opds.map((opd) => [opd.id, opd.name]));
  const keys = [...totals.entries()]
    .map(([key, total]) => ({ key, label: (by === 'opd' ? names.get(key) : undefined) ?? key, total }))
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
  return { from, to, by, keys, days: dates.map((date) => ({ date, published: days.get(date)! })), outcomes: [...outcomes.values()], hours };
}
