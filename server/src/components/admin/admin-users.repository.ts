import type { Transaction } from 'kysely';
import type { DB, TDatabase, UserTable } from '@siar/shared/node';

type TExecutor = TDatabase | Transaction<DB>;
const USER_COLUMNS = ['id', 'username', 'name', 'role', 'disabled', 'created_at'] as const;

export async function findUserRows(db: TExecutor, ids?: string[]) {
  let query = db.selectFrom('user').select(USER_COLUMNS).orderBy('name').orderBy('username');
  if (ids) query = query.where('id', 'in', ids.length ? ids : ['']);
  return query.execute();
}
export type TUserRow = Awaited<ReturnType<typeof findUserRows>>[number];

export async function findUserRow(db: TExecutor, id: string) {
  return db.selectFrom('user').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function usernameTaken(db: TExecutor, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('user')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return row !== undefined;
}

export async function membershipsOf(db: TExecutor, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('membership')
    .innerJoin('opd', 'opd.id', 'membership.opd_id')
    .select(['membership.user_id', 'opd.id', 'opd.name', 'opd.code'])
    .where('membership.user_id', 'in', userIds)
    .orderBy('opd.name')
    .execute();
}

export async function existingOpds(db: TExecutor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('opd').select(['id', 'code']).where('id', 'in', ids).execute();
}

export async function insertUser(trx: Transaction<DB>, row: UserTable): Promise<void> {
  await trx.insertInto('user').values(row).execute();
}

export async function updateUserRow(
  trx: Transaction<DB>,
  id: string,
  changes: Partial<Pick<UserTable, 'name' | 'role' | 'disabled'>>,
): Promise<void> {
  await trx.updateTable('user').set(changes).where('id', '=', id).execute();
}

export async function addMemberships(trx: Transaction<DB>, userId: string, opdIds: string[]): Promise<void> {
  if (opdIds.length)
    await trx
      .insertInto('membership')
      .values(opdIds.map((opdId) => ({ user_id: userId, opd_id: opdId })))
      .execute();
}

export async function removeMemberships(trx: Transaction<DB>, userId: string, opdIds: string[]): Promise<void> {
  if (opdIds.length) await trx.deleteFrom('membership').where('user_id', '=', userId).where('opd_id', 'in', opdIds).execute();
}
