import { AppError, type TLoginRequest } from '@siar/shared';
import { appendAuditEvent, type TDatabase } from '@siar/shared/node';
import type { TLoginThrottle } from './login-throttle';
import { dummyHash, verifyPassword } from './password';
import { createSession } from './sessions.repository';
import { findUserByUsername } from './users.repository';

export type TLoginResult = { ok: true; token: string; userId: string } | { ok: false; retryAfterSeconds: number };

/**
 * Same answer and similar timing for an unknown user, a disabled one and a wrong password:
 * a password is always verified, against a dummy hash when there is no user, and every outcome
 * writes its audit event. A throttled attempt is refused before any password is verified.
 */
export async function login(options: { db: TDatabase; throttle: TLoginThrottle; input: TLoginRequest; ip: string }): Promise<TLoginResult> {
  const { db, input, ip } = options;
  const user = await findUserByUsername(db, input.username);
  const who = { username: input.username, ip };
  const gate = await options.throttle.reserve(who);
  if (!gate.allowed) {
    const retryAfterSeconds = Math.ceil(gate.retryAfterMs / 1000);
    await appendAuditEvent(db, {
      actorId: null,
      action: 'auth.login_throttled',
      entity: 'user',
      entityId: user?.id ?? null,
      details: { username: input.username, ip, scope: gate.scope, retryAfterSeconds },
    });
    return { ok: false, retryAfterSeconds };
  }
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password);
  if (!user || !ok || user.disabled) {
    const reason = !user ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled';
    await appendAuditEvent(db, {
      actorId: null,
      action: 'auth.login_failed',
      entity: 'user',
      entityId: user?.id ?? null,
      details: { username: input.username, ip, reason },
    });
    throw new AppError('invalid_credentials');
  }
  const token = await db.transaction().execute(async (trx) => {
    const created = await createSession(trx, user.id);
    await appendAuditEvent(trx, {
      actorId: user.id,
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      details: { username: user.username, ip },
    });
    return created;
  });
  await options.throttle.succeeded(who);
  return { ok: true, token, userId: user.id };
}
