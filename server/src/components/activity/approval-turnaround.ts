import type { TDatabase } from '@siar/shared/node';
import { findDeliveryAccounts } from './activity.repository';

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

/**
 * Median approval turnaround (minutes, one decimal) per OPD and per account: a post's first
 * review decision minus its submission (its first `post.submitted` event, else its creation).
 * A post on several accounts counts once for its OPD and once for each of its accounts.
 */
export async function approvalMinutes(
  db: TDatabase,
  reviews: { post_id: string; reviewed_at: string; opd_id: string; created_at: string; submitted_at: string | null }[],
): Promise<{ byOpd: Map<string, number>; byAccount: Map<string, number> }> {
  const minutesOf = new Map<string, number>();
  const opdSamples = new Map<string, number[]>();
  for (const r of reviews) {
    const submitted = r.submitted_at && r.submitted_at <= r.reviewed_at ? r.submitted_at : r.created_at;
    const minutes = Math.max(0, (Date.parse(r.reviewed_at) - Date.parse(submitted)) / 60_000);
    minutesOf.set(r.post_id, minutes);
    opdSamples.set(r.opd_id, [...(opdSamples.get(r.opd_id) ?? []), minutes]);
  }
  const accountSamples = new Map<string, number[]>();
  for (const d of await findDeliveryAccounts(db, [...minutesOf.keys()])) {
    const list = accountSamples.get(d.account_id) ?? [];
    list.push(minutesOf.get(d.post_id)!);
    accountSamples.set(d.account_id, list);
  }
  const medians = (samples: Map<string, number[]>) => new Map([...samples].map(([k, v]) => [k, median(v)!]));
  return { byOpd: medians(opdSamples), byAccount: medians(accountSamples) };
}
