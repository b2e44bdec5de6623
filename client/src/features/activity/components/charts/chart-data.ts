import type { TActivitySeriesResponse } from '@siar/shared';

/** Distinct colours that read on light and dark backgrounds; the rest of the OPDs fold into gray. */
export const SERIES_COLORS = ['blue.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.6', 'pink.6', 'lime.7', 'indigo.5'] as const;
export const OTHERS_KEY = 's_other';

/** "yyyy-MM-dd" as "dd/MM", the axis label of a WIB day. */
export function shortDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}`;
}

/**
 * Rows for a stacked bar chart: one per WIB day, one column per series (the largest
 * SERIES_COLORS.length keys; the others summed into one). Keys become s0…sN, since an
 * OPD id is no label and recharts reads dots in a data key as a path.
 */
export function stackedDays(body: TActivitySeriesResponse, labelOf: (key: { key: string; label: string }) => string) {
  const top = body.keys.slice(0, SERIES_COLORS.length);
  const column = new Map(top.map((k, i) => [k.key, `s${i}`]));
  const hasOthers = body.keys.length > top.length;
  const series = top.map((k, i) => ({ name: `s${i}`, label: labelOf(k), color: SERIES_COLORS[i]! }));
  const data = body.days.map((day) => {
    const row: Record<string, string | number> = { date: shortDate(day.date) };
    for (const name of [...column.values(), ...(hasOthers ? [OTHERS_KEY] : [])]) row[name] = 0;
    for (const [key, n] of Object.entries(day.published)) {
      const name = column.get(key) ?? OTHERS_KEY;
      row[name] = Number(row[name] ?? 0) + n;
    }
    return row;
  });
  return { data, series, hasOthers };
}

/** The heatmap's busiest cell (at least 1, so an empty period draws all cells blank). */
export function heatMax(hours: TActivitySeriesResponse['hours']): number {
  return Math.max(1, ...hours.map((h) => h.published));
}
