import type { TAdminOpd } from '@siar/shared';
import type { OpdTable, TDatabase } from '@siar/shared/node';
import { findAccountsOfOpds, operatorCounts } from './opds.repository';

/** OPDs as the admin pages show them: settings, accounts and how many operators work there. */
export async function toAdminOpds(db: TDatabase, rows: OpdTable[]): Promise<TAdminOpd[]> {
  const ids = rows.map((r) => r.id);
  const [accounts, counts] = await Promise.all([findAccountsOfOpds(db, ids), operatorCounts(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    code: r.code,
    requiresApproval: r.requires_approval === 1,
    weeklyTarget: r.weekly_target,
    createdAt: r.created_at,
    operatorCount: counts.get(r.id) ?? 0,
    accounts: accounts
      .filter((a) => a.opd_id === r.id)
      .map((a) => ({ id: a.id, platform: a.platform, handle: a.handle, displayName: a.display_name, status: a.status })),
  }));
}
