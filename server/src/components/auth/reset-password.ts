import { AppError, type TResetLinkInfo, type TResetPasswordRequest } from '@siar/shared';
import { appendAuditEvent, type TDatabase } from '@siar/shared/node';
import { hashPassword } from './password';
import { passwordWeakness } from './password-policy';
import { consumeReset, deleteUnusedResets, findUsableReset } from './password-resets.repository';
import { deleteSessionsOfUser } from './sessions.repository';

// Unknown, used, expired, or for a deactivated user: one answer, which tells nothing more.
const invalidLink = () => new AppError('not_found', { fieldErrors: [{ field: 'token', key: 'invalid_reset_link' }] });

/** For the reset page: whom the link is for, while it can still be used. */
export async function checkResetLink(o: { db: TDatabase; token: string }): Promise<TResetLinkInfo> {
  const reset = await findUsableReset(o.db, o.token);
  if (!reset) throw invalidLink();
  return { username: reset.username, name: reset.name, expiresAt: reset.expires_at };
}

/**
 * Sets the password through a one-time link: the link is used up in the same transaction as the
 * new password, so two requests with it cannot both succeed. Every session of the user ends.
 */
export async function resetPassword(o: { db: TDatabase; input: TResetPasswordRequest; ip: string }): Promise<void> {
  const reset = await findUsableReset(o.db, o.input.token);
  if (!reset) throw invalidLink();
  const weakness = passwordWeakness(o.input.newPassword, { username: reset.username });
  if (weakness) throw new AppError('validation', { fieldErrors: [{ field: 'newPassword', key: weakness }] });
  const passwordHash = await hashPassword(o.input.newPassword);
  await o.db.transaction().execute(async (trx) => {
    if (!(await consumeReset(trx, reset.token_hash))) throw invalidLink();
    await trx.updateTable('user').set({ password_hash: passwordHash }).where('id', '=', reset.userId).execute();
    const revoked = await deleteSessionsOfUser(trx, reset.userId);
    await deleteUnusedResets(trx, reset.userId);
    await appendAuditEvent(trx, {
      actorId: reset.userId,
      action: 'auth.password_reset',
      entity: 'user',
      entityId: reset.userId,
      details: { username: reset.username, ip: o.ip, revokedSessions: revoked },
    });
  });
}
