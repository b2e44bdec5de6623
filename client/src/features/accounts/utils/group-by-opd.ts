import type { TAccount } from '@siar/shared';

export interface TOpdGroup {
  opdId: string;
  opdName: string;
  accounts: TAccount[];
}

/** Accounts by OPD, OPDs by name and accounts by handle, so lists read the same everywhere. */
export function groupByOpd(accounts: TAccount[]): TOpdGroup[] {
  const groups = new Map<string, TOpdGroup>();
  for (const account of accounts) {
    const group = groups.get(account.opdId) ?? { opdId: account.opdId, opdName: account.opdName, accounts: [] };
    group.accounts.push(account);
    groups.set(account.opdId, group);
  }
  return [...groups.values()]
    .sort((a, b) => a.opdName.localeCompare(b.opdName, 'id'))
    .map((group) => ({ ...group, accounts: group.accounts.sort((a, b) => a.handle.localeCompare(b.handle)) }));
}
