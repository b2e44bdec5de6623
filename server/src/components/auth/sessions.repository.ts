import { createHash, randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, TDatabase } from '@siar/shared/node';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
/** last_seen_at is written at most this often, so reads don't turn into writes. */
const TOUCH_EVERY_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A random 256-bit token; only its SHA-256 is stored. */
export async function createSession(db: TDatabase | Transaction<DB>, userId: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('session')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
    })
    .execute();
  return token;
}

export async function deleteSession(db: TDatabase, tokenHash: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', tokenHash).execute();
}

/** The live session's user, or undefined when it is unknown, idle too long or past its end. */
export async function findLiveSession(db: TDatabase, token: string, now = new Date()) {
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('session')
    .innerJoin('user', 'user.id', 'session.user_id')
    .select([
      'session.token_hash',
      'session.last_seen_at',
      'session.expires_at',
      'user.id as userId',
      'user.username',
      'user.name',
      'user.role',
      'user.locale',
      'user.timezone',
      'user.disabled',
    ])
    .where('session.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const idle = now.getTime() - Date.parse(row.last_seen_at) > SESSION_IDLE_MS;
  if (idle || row.expires_at <= now.toISOString() || row.disabled) {
    await deleteSession(db, tokenHash);
    return undefined;
  }
  if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await db.updateTable('session').set({ last_seen_at: now.toISOString() }).where('token_hash', '=', tokenHash).execute();
  }
  return row;
}

export async function deleteExpiredSessions(db: TDatabase, now = new Date()): Promise<void> {
  await db
    .deleteFrom('session')
    .where((eb) =>
      eb.or([eb('expires_at', '<=', now.toISOString()), eb('last_seen_at', '<', new Date(now.getTime() - SESSION_IDLE_MS).toISOString())]),
    )
    .execute();
}

/** Ends every session of a user (but the one given): after a password change, reset or deactivation. */
export async function deleteSessionsOfUser(db: TDatabase | Transaction<DB>, userId: string, exceptTokenHash?: string): Promise<number> {
  let query = db.deleteFrom('session').where('user_id', '=', userId);
  if (exceptTokenHash) query = query.where('token_hash', '!=', exceptTokenHash);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
