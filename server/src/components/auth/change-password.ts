import { AppError, type TChangePasswordRequest } from '@siar/shared';
import { appendAuditEvent, type TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import type { TLoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import { passwordWeakness } from './password-policy';
import { deleteUnusedResets } from './password-resets.repository';
import { deleteSessionsOfUser } from './sessions.repository';

const invalid = (field: string, key: string) => new AppError('validation', { fieldErrors: [{ field, key }] });

/**
 * The signed-in user changes their password: the current one is required (and throttled like a
 * login, so a borrowed session cannot guess it), the new one must pass the policy. Every other
 * session of the user ends; this one stays.
 */
export async function changePassword(o: {
  db: TDatabase;
  throttle: TLoginThrottle;
  auth: TAuth;
  input: TChangePasswordRequest;
  ip: string;
}): Promise<{ retryAfterSeconds: number } | undefined> {
  const { db, auth, input } = o;
  const weakness = passwordWeakness(input.newPassword, { username: auth.username });
  if (weakness) throw invalid('newPassword', weakness);
  const who = { username: auth.username, ip: o.ip };
  const gate = await o.throttle.reserve(who);
  if (!gate.allowed) {
    const retryAfterSeconds = Math.ceil(gate.retryAfterMs / 1000);
    await appendAuditEvent(db, {
      actorId: auth.userId,
      action: 'auth.login_throttled',
      entity: 'user',
      entityId: auth.userId,
      details: { username: auth.username, ip: o.ip, scope: gate.scope, retryAfterSeconds, during: 'password_change' },
    });
    return { retryAfterSeconds };
  }
  const user = await db.selectFrom('user').select(['password_hash']).where('id', '=', auth.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await appendAuditEvent(db, {
      actorId: auth.userId,
      action: 'auth.password_change_failed',
      entity: 'user',
      entityId: auth.userId,
      details: { username: auth.username, ip: o.ip },
    });
    throw invalid('currentPassword', 'wrong_current_password');
  }
  await o.throttle.succeeded(who);
  if (input.newPassword === input.currentPassword) throw invalid('newPassword', 'password_unchanged');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('user').set({ password_hash: passwordHash }).where('id', '=', auth.userId).execute();
    const revoked = await deleteSessionsOfUser(trx, auth.userId, auth.sessionHash);
    await deleteUnusedResets(trx, auth.userId);
    await appendAuditEvent(trx, {
      actorId: auth.userId,
      action: 'auth.password_changed',
      entity: 'user',
      entityId: auth.userId,
      details: { username: auth.username, ip: o.ip, revokedSessions: revoked },
    });
  });
  return undefined;
}
