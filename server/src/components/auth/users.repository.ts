import type { TDatabase } from '@siar/shared/node';

export async function findUserByUsername(db: TDatabase, username: string) {
  return db.selectFrom('user').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function opdsOfUser(db: TDatabase, userId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('opd', 'opd.id', 'membership.opd_id')
    .select(['opd.id', 'opd.name', 'opd.code'])
    .where('membership.user_id', '=', userId)
    .orderBy('opd.name')
    .execute();
}

export async function allOpds(db: TDatabase) {
  return db.selectFrom('opd').select(['id', 'name', 'code']).orderBy('name').execute();
}
