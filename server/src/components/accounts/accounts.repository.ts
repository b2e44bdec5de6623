import type { TDatabase } from '@siar/shared/node';

const COLUMNS = [
  'social_account.id',
  'social_account.opd_id',
  'opd.name as opd_name',
  'social_account.platform',
  'social_account.external_id',
  'social_account.handle',
  'social_account.display_name',
  'social_account.status',
  'social_account.token_expires_at',
] as const;

/** Accounts visible in a scope (null = every OPD), grouped by OPD name then handle. */
export async function findAccounts(db: TDatabase, opdIds: string[] | null) {
  if (opdIds?.length === 0) return [];
  let query = db.selectFrom('social_account').innerJoin('opd', 'opd.id', 'social_account.opd_id').select(COLUMNS);
  if (opdIds) query = query.where('social_account.opd_id', 'in', opdIds);
  return query.orderBy('opd.name').orderBy('social_account.handle').execute();
}

export async function findAccountsByIds(db: TDatabase, opdIds: string[] | null, ids: string[]) {
  if (ids.length === 0 || opdIds?.length === 0) return [];
  let query = db.selectFrom('social_account').innerJoin('opd', 'opd.id', 'social_account.opd_id').select(COLUMNS).where('social_account.id', 'in', ids);
  if (opdIds) query = query.where('social_account.opd_id', 'in', opdIds);
  return query.execute();
}

export type TAccountRow = Awaited<ReturnType<typeof findAccounts>>[number];
