import type { TAdminUser } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { findUserRows, membershipsOf, type TUserRow } from './admin-users.repository';

export async function toAdminUsers(db: TDatabase, rows: TUserRow[]): Promise<TAdminUser[]> {
  const memberships = await membershipsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    name: r.name,
    role: r.role,
    disabled: r.disabled === 1,
    createdAt: r.created_at,
    opds: memberships.filter((m) => m.user_id === r.id).map((m) => ({ id: m.id, name: m.name, code: m.code })),
  }));
}

export async function adminUserById(db: TDatabase, id: string): Promise<TAdminUser> {
  const [dto] = await toAdminUsers(db, await findUserRows(db, [id]));
  return dto!;
}
