import type { TActivityAccount, TActivityOpd } from '@siar/shared';

export type TSortColumn = 'name' | 'published' | 'scheduledAhead' | 'failed' | 'lastPublished' | 'approval';
export type TFlagFilter = 'all' | 'inactive' | 'repeatedFailures' | 'needsReconnect' | 'targetMissed';

type TRow = TActivityOpd | TActivityAccount;

function nameOf(row: TRow): string {
  return 'name' in row ? row.name : row.handle;
}

function valueOf(row: TRow, column: TSortColumn): number | string {
  switch (column) {
    case 'name':
      return nameOf(row).toLocaleLowerCase('id');
    case 'published':
      return row.published;
    case 'scheduledAhead':
      return row.scheduledAhead;
    case 'failed':
      return row.failed;
    // Never published sorts as the oldest.
    case 'lastPublished':
      return row.lastPublishedAt ?? '';
    case 'approval':
      return row.medianApprovalMinutes ?? -1;
  }
}

export function sortRows<T extends TRow>(rows: readonly T[], column: TSortColumn, descending: boolean): T[] {
  return [...rows].sort((a, b) => {
    const x = valueOf(a, column);
    const y = valueOf(b, column);
    const order = x < y ? -1 : x > y ? 1 : nameOf(a).localeCompare(nameOf(b), 'id');
    return descending ? -order : order;
  });
}

function accountMatches(a: TActivityAccount, flag: TFlagFilter): boolean {
  if (flag === 'all' || flag === 'targetMissed') return true;
  return a.flags[flag];
}

/**
 * The OPDs to show: a search matches an OPD's name or code (all its accounts) or an account's
 * handle (that account); a flag keeps the accounts carrying it, and the OPDs with any.
 */
export function filterOpds(opds: readonly TActivityOpd[], search: string, flag: TFlagFilter): TActivityOpd[] {
  const needle = search.trim().toLocaleLowerCase('id');
  const result: TActivityOpd[] = [];
  for (const opd of opds) {
    if (flag === 'targetMissed' && opd.targetMet !== false) continue;
    const opdHit = !needle || opd.name.toLocaleLowerCase('id').includes(needle) || opd.code.toLocaleLowerCase('id').includes(needle);
    const accounts = opd.accounts.filter((a) => (opdHit || a.handle.toLocaleLowerCase('id').includes(needle) || a.displayName.toLocaleLowerCase('id').includes(needle)) && accountMatches(a, flag));
    if (flag !== 'all' && flag !== 'targetMissed' && accounts.length === 0) continue;
    if (!opdHit && accounts.length === 0) continue;
    result.push({ ...opd, accounts });
  }
  return result;
}
