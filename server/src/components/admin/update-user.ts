import { AppError, type TAdminUser, type TUpdateUserRequest } from '@siar/shared';
import { appendAuditEvent, type TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { missingOpds } from './admin-errors';
import { addMemberships, existingOpds, findUserRow, membershipsOf, removeMemberships, updateUserRow } from './admin-users.repository';
import { adminUserById } from './user-dto';

/**
 * Name, role and OPD memberships, in one transaction with one audit event per kind of change
 * (and one per OPD joined or left, so the log can be read per OPD). An admin cannot demote
 * themselves: there is always an admin left who can undo a mistake.
 */
export async function updateUser(o: { db: TDatabase; auth: TAuth; id: string; input: TUpdateUserRequest }): Promise<TAdminUser> {
  const { db, auth, id, input } = o;
  const user = await findUserRow(db, id);
  if (!user) throw new AppError('not_found');
  if (id === auth.userId && input.role !== undefined && input.role !== 'admin')
    throw new AppError('forbidden', { fieldErrors: [{ field: 'role', key: 'cannot_demote_self' }] });
  const role = input.role ?? user.role;
  const current = (await membershipsOf(db, [id])).map((m) => m.id);
  const wanted = role === 'operator' ? (input.opdIds ?? current) : [];
  const opds = await existingOpds(db, wanted);
  const missing = missingOpds(wanted, new Set(opds.map((x) => x.id)));
  if (missing) throw missing;
  const added = wanted.filter((x) => !current.includes(x));
  const removed = current.filter((x) => !wanted.includes(x));
  const codes = new Map((await existingOpds(db, [...added, ...removed])).map((x) => [x.id, x.code]));
  const name = input.name ?? user.name;

  await db.transaction().execute(async (trx) => {
    if (name !== user.name || role !== user.role) await updateUserRow(trx, id, { name, role });
    await removeMemberships(trx, id, removed);
    await addMemberships(trx, id, added);
    const base = { actorId: auth.userId, entity: 'user', entityId: id };
    if (name !== user.name)
      await appendAuditEvent(trx, {
        ...base,
        action: 'user.updated',
        details: { username: user.username, changes: { name: { from: user.name, to: name } } },
      });
    if (role !== user.role)
      await appendAuditEvent(trx, {
        ...base,
        action: 'user.role_changed',
        details: { username: user.username, from: user.role, to: role },
      });
    for (const opdId of added)
      await appendAuditEvent(trx, {
        ...base,
        action: 'user.memberships_changed',
        opdId,
        details: { username: user.username, change: 'added', opdCode: codes.get(opdId) },
      });
    for (const opdId of removed)
      await appendAuditEvent(trx, {
        ...base,
        action: 'user.memberships_changed',
        opdId,
        details: { username: user.username, change: 'removed', opdCode: codes.get(opdId) },
      });
  });
  return adminUserById(db, id);
}
