import { utcToZonedWallTime, zonedWallTimeToUtc } from '@siar/shared';

export interface TPostFormValues {
  accountIds: string[];
  text: string;
  date: string;
  time: string;
}

export type TPostFormField = keyof TPostFormValues;
export type TPostFormErrors = Partial<Record<TPostFormField, string>>;
/** Per-account texts by account id, as typed (possibly empty). */
export type TVariantTexts = Record<string, string>;

/** Today and the next whole minute plus one, on the wall clock of the user's zone. */
export function defaultPostFormValues(timezone: string, now = new Date()): TPostFormValues {
  const nextWholeMinutePlusOne = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 2 * 60_000);
  return { accountIds: [], text: '', ...utcToZonedWallTime(nextWholeMinutePlusOne, timezone) };
}

/** The instant typed in the form, or `null` while the date or time cannot be read. */
export function typedInstant(values: TPostFormValues, timezone: string): string | null {
  const instant = zonedWallTimeToUtc(values.date, values.time, timezone);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

/** What the API takes: only non-empty variants, only for the chosen accounts. */
export function variantsPayload(variants: TVariantTexts, accountIds: string[]): Record<string, { text: string }> | undefined {
  const entries = accountIds.flatMap((id) => (variants[id]?.trim() ? [[id, { text: variants[id] }] as const] : []));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
