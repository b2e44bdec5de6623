import type { Transaction } from 'kysely';
import type { DB, TDatabase } from '@siar/shared/node';
import { hashToken } from './sessions.repository';

type TExecutor = TDatabase | Transaction<DB>;

export async function insertPasswordReset(
  db: TExecutor,
  row: { token: string; userId: string; createdBy: string; now: Date; validMs: number },
): Promise<string> {
  const expiresAt = new Date(row.now.getTime() + row.validMs).toISOString();
  await db
    .insertInto('password_reset')
    .values({
      token_hash: hashToken(row.token),
      user_id: row.userId,
      created_by: row.createdBy,
      created_at: row.now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return expiresAt;
}

/** The link's user when the link is unused, unexpired, and the user still active. */
export async function findUsableReset(db: TExecutor, token: string, now = new Date()) {
  return db
    .selectFrom('password_reset')
    .innerJoin('user', 'user.id', 'password_reset.user_id')
    .select(['password_reset.token_hash', 'password_reset.expires_at', 'user.id as userId', 'user.username', 'user.name'])
    .where('password_reset.token_hash', '=', hashToken(token))
    .where('password_reset.used_at', 'is', null)
    .where('password_reset.expires_at', '>', now.toISOString())
    .where('user.disabled', '=', 0)
    .executeTakeFirst();
}

/** Marks the link used; false when another request used it first (single use under races). */
export async function consumeReset(trx: Transaction<DB>, tokenHash: string, now = new Date()): Promise<boolean> {
  const result = await trx
    .updateTable('password_reset')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Unused links of a user stop working: a newer link, a changed password or a deactivation supersedes them. */
export async function deleteUnusedResets(db: TExecutor, userId: string): Promise<void> {
  await db.deleteFrom('password_reset').where('user_id', '=', userId).where('used_at', 'is', null).execute();
}
