import { AppError, type TAdminUser } from '@siar/shared';
import { appendAuditEvent, type TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { deleteUnusedResets } from '../auth/password-resets.repository';
import { deleteSessionsOfUser } from '../auth/sessions.repository';
import { findUserRow, updateUserRow } from './admin-users.repository';
import { adminUserById } from './user-dto';

/**
 * Deactivation ends every session of the person at once and voids their unused reset links; the
 * account stays (its history names them). Asking for the state it is already in changes nothing.
 */
export async function setUserActive(o: { db: TDatabase; auth: TAuth; id: string; active: boolean }): Promise<TAdminUser> {
  const { db, auth, id, active } = o;
  const user = await findUserRow(db, id);
  if (!user) throw new AppError('not_found');
  if (!active && id === auth.userId) throw new AppError('forbidden', { fieldErrors: [{ field: 'id', key: 'cannot_deactivate_self' }] });
  if ((user.disabled === 0) !== active) {
    await db.transaction().execute(async (trx) => {
      await updateUserRow(trx, id, { disabled: active ? 0 : 1 });
      const revokedSessions = active ? 0 : await deleteSessionsOfUser(trx, id);
      if (!active) await deleteUnusedResets(trx, id);
      await appendAuditEvent(trx, {
        actorId: auth.userId,
        action: active ? 'user.reactivated' : 'user.deactivated',
        entity: 'user',
        entityId: id,
        details: active ? { username: user.username } : { username: user.username, revokedSessions },
      });
    });
  }
  return adminUserById(db, id);
}
