import { utcToZonedWallTime, zonedWallTimeToUtc, type TQueueSlot } from '@siar/shared';

/** The zone queue slots are read in: there is no per-OPD zone yet, so the users' default (WIB). */
export const QUEUE_TIMEZONE = 'Asia/Jakarta';
/** "Tambah ke antrean" never picks a slot this close to now: the post still has to be queued. */
export const QUEUE_MIN_LEAD_MS = 60_000;
/** How far ahead a free slot is looked for before answering "no slot". */
export const QUEUE_HORIZON_MS = 8 * 7 * 86_400_000;

const DAY_MS = 86_400_000;

export interface TSlotInstant {
  at: Date;
  weekday: number;
  time: string;
}

/** Weekday, then time ("HH:mm" sorts as text). */
export function compareSlots(a: TQueueSlot, b: TQueueSlot): number {
  return a.weekday - b.weekday || a.time.localeCompare(b.time);
}

/**
 * Every instant of the weekly slots in (after, until], in order: each calendar day of the zone
 * in the range, its slots read as wall-clock times of that day in the zone.
 */
export function slotInstants(slots: readonly TQueueSlot[], after: Date, until: Date, timeZone = QUEUE_TIMEZONE): TSlotInstant[] {
  if (slots.length === 0 || until <= after) return [];
  const sorted = [...slots].sort(compareSlots);
  const first = Date.parse(`${utcToZonedWallTime(after, timeZone).date}T00:00:00Z`);
  const last = Date.parse(`${utcToZonedWallTime(until, timeZone).date}T00:00:00Z`);
  const result: TSlotInstant[] = [];
  for (let day = first; day <= last; day += DAY_MS) {
    const date = new Date(day);
    const weekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
    const ymd = date.toISOString().slice(0, 10);
    for (const slot of sorted) {
      if (slot.weekday !== weekday) continue;
      const at = zonedWallTimeToUtc(ymd, slot.time, timeZone);
      if (at > after && at <= until) result.push({ at, weekday, time: slot.time });
    }
  }
  return result;
}

export interface TNextFreeSlotInput {
  /** Each chosen account's weekly slots. */
  slotsByAccount: ReadonlyMap<string, readonly TQueueSlot[]>;
  /** Each account's instants (ISO) already taken by a live delivery. */
  takenByAccount: ReadonlyMap<string, ReadonlySet<string>>;
  now: Date;
  timeZone?: string;
}

/**
 * The earliest instant strictly after now + 1 minute, within the horizon, that is a slot of
 * every account and taken for none of them; null when there is none.
 */
export function nextFreeSlot(input: TNextFreeSlotInput): Date | null {
  const after = new Date(input.now.getTime() + QUEUE_MIN_LEAD_MS);
  const until = new Date(input.now.getTime() + QUEUE_HORIZON_MS);
  const accounts = [...input.slotsByAccount.keys()];
  const [first, ...others] = accounts;
  if (first === undefined) return null;
  const instantsOf = (id: string) =>
    new Set(slotInstants(input.slotsByAccount.get(id) ?? [], after, until, input.timeZone).map((s) => s.at.toISOString()));
  const common = others.map(instantsOf);
  for (const candidate of slotInstants(input.slotsByAccount.get(first) ?? [], after, until, input.timeZone)) {
    const iso = candidate.at.toISOString();
    if (!common.every((set) => set.has(iso))) continue;
    if (accounts.some((id) => input.takenByAccount.get(id)?.has(iso))) continue;
    return candidate.at;
  }
  return null;
}
