import { randomUUID } from 'node:crypto';
import type { TDatabase } from '@siar/shared/node';
import { hashPassword } from '../components/auth/password';

/**
 * Outside demo mode an empty database gets one person: `admin`, with the given password.
 * Answers whether it was created. Nothing happens once any user exists.
 */
export async function ensureAdmin(db: TDatabase, password: string): Promise<boolean> {
  if (await db.selectFrom('user').select('id').limit(1).executeTakeFirst()) return false;
  await db
    .insertInto('user')
    .values({ id: randomUUID(), username: 'admin', name: 'Administrator', password_hash: await hashPassword(password), role: 'admin', locale: 'id', timezone: 'Asia/Jakarta', disabled: 0, created_at: new Date().toISOString() })
    .execute();
  return true;
}
