import type { Transaction } from 'kysely';
import type { DB, OpdTable, TDatabase } from '@siar/shared/node';

type TExecutor = TDatabase | Transaction<DB>;

export async function findOpdRows(db: TExecutor, ids?: string[]) {
  let query = db.selectFrom('opd').selectAll().orderBy('name').orderBy('code');
  if (ids) query = query.where('id', 'in', ids.length ? ids : ['']);
  return query.execute();
}

export async function findOpdRow(db: TExecutor, id: string) {
  return db.selectFrom('opd').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The OPD already called this (case and surrounding spaces aside): two "Dinas Kesehatan" would be told apart by nobody. */
export async function opdNameOwner(db: TExecutor, name: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('opd')
    .select('id')
    .where((eb) => eb(eb.fn('lower', [eb.fn('trim', ['name'])]), '=', name.trim().toLowerCase()))
    .executeTakeFirst();
  return row?.id;
}

/** Codes compare case-blind: "dinkes" and "DINKES" are one agency. */
export async function opdCodeOwner(db: TExecutor, code: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('opd')
    .select('id')
    .where((eb) => eb(eb.fn('upper', ['code']), '=', code.toUpperCase()))
    .executeTakeFirst();
  return row?.id;
}

export async function findAccountsOfOpds(db: TExecutor, opdIds: string[]) {
  if (opdIds.length === 0) return [];
  return db
    .selectFrom('social_account')
    .select(['id', 'opd_id', 'platform', 'handle', 'display_name', 'status'])
    .where('opd_id', 'in', opdIds)
    .orderBy('handle')
    .execute();
}

/** Active operators per OPD. */
export async function operatorCounts(db: TExecutor, opdIds: string[]): Promise<Map<string, number>> {
  if (opdIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('membership')
    .innerJoin('user', 'user.id', 'membership.user_id')
    .select(['membership.opd_id', (eb) => eb.fn.countAll().as('n')])
    .where('membership.opd_id', 'in', opdIds)
    .where('user.role', '=', 'operator')
    .where('user.disabled', '=', 0)
    .groupBy('membership.opd_id')
    .execute();
  return new Map(rows.map((r) => [r.opd_id, Number(r.n)]));
}

export async function insertOpd(trx: Transaction<DB>, row: OpdTable): Promise<void> {
  await trx.insertInto('opd').values(row).execute();
}

export async function updateOpdRow(trx: Transaction<DB>, id: string, changes: Partial<Omit<OpdTable, 'id' | 'created_at'>>): Promise<void> {
  await trx.updateTable('opd').set(changes).where('id', '=', id).execute();
}
