import { AppError, type TLoginRequest } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { dummyHash, verifyPassword } from './password';
import { createSession } from './sessions.repository';
import { findUserByUsername } from './users.repository';

/**
 * Same answer and similar timing for an unknown user, a disabled one and a wrong password:
 * a password is always verified, against a dummy hash when there is no user.
 */
export async function login(options: { db: TDatabase; input: TLoginRequest }): Promise<{ token: string; userId: string }> {
  const user = await findUserByUsername(options.db, options.input.username);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), options.input.password);
  if (!user || !ok || user.disabled) throw new AppError('invalid_credentials');
  const token = await createSession(options.db, user.id);
  return { token, userId: user.id };
}
