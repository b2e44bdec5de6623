import { randomUUID } from 'node:crypto';
import { AppError, type TAdminUser, type TCreateUserRequest } from '@siar/shared';
import { appendAuditEvent, type TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { hashPassword } from '../auth/password';
import { passwordWeakness } from '../auth/password-policy';
import { isUniqueViolation, missingOpds, taken } from './admin-errors';
import { addMemberships, existingOpds, insertUser, usernameTaken } from './admin-users.repository';
import { adminUserById } from './user-dto';

/** A new person with an initial password the admin hands over (they can change it at once). */
export async function createUser(o: { db: TDatabase; auth: TAuth; input: TCreateUserRequest }): Promise<TAdminUser> {
  const { db, auth, input } = o;
  const weakness = passwordWeakness(input.password, { username: input.username });
  if (weakness) throw new AppError('validation', { fieldErrors: [{ field: 'password', key: weakness }] });
  // Memberships scope operators; the other roles see every OPD and keep none.
  const opdIds = input.role === 'operator' ? input.opdIds : [];
  const opds = await existingOpds(db, opdIds);
  const missing = missingOpds(opdIds, new Set(opds.map((x) => x.id)));
  if (missing) throw missing;
  if (await usernameTaken(db, input.username)) throw taken('username', 'username_taken');
  const row = {
    id: randomUUID(),
    username: input.username,
    name: input.name,
    password_hash: await hashPassword(input.password),
    role: input.role,
    locale: 'id' as const,
    timezone: 'Asia/Jakarta',
    disabled: 0,
    created_at: new Date().toISOString(),
  };
  try {
    await db.transaction().execute(async (trx) => {
      await insertUser(trx, row);
      await addMemberships(trx, row.id, opdIds);
      await appendAuditEvent(trx, {
        actorId: auth.userId,
        action: 'user.created',
        entity: 'user',
        entityId: row.id,
        details: { username: row.username, name: row.name, role: row.role, opdCodes: opds.map((x) => x.code) },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken('username', 'username_taken');
    throw err;
  }
  return adminUserById(db, row.id);
}
