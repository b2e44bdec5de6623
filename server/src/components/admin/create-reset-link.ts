import { randomBytes } from 'node:crypto';
import { AppError, type TResetLink } from '@siar/shared';
import { appendAuditEvent, type TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { deleteUnusedResets, insertPasswordReset } from '../auth/password-resets.repository';
import { findUserRow } from './admin-users.repository';

export const RESET_LINK_VALID_MS = 24 * 3600_000;

/**
 * A one-time link (256-bit token, stored hashed, 24 h) the admin hands to the person; it replaces
 * any earlier unused link. The token is in this answer only: never stored, logged or audited.
 */
export async function createResetLink(o: { db: TDatabase; auth: TAuth; id: string; publicBaseUrl: string }): Promise<TResetLink> {
  const user = await findUserRow(o.db, o.id);
  if (!user) throw new AppError('not_found');
  if (user.disabled) throw new AppError('invalid_transition', { fieldErrors: [{ field: 'id', key: 'user_disabled' }] });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = await o.db.transaction().execute(async (trx) => {
    await deleteUnusedResets(trx, o.id);
    const expires = await insertPasswordReset(trx, {
      token,
      userId: o.id,
      createdBy: o.auth.userId,
      now: new Date(),
      validMs: RESET_LINK_VALID_MS,
    });
    await appendAuditEvent(trx, {
      actorId: o.auth.userId,
      action: 'user.reset_link_created',
      entity: 'user',
      entityId: o.id,
      details: { username: user.username, expiresAt: expires },
    });
    return expires;
  });
  const url = new URL('/reset-password', o.publicBaseUrl);
  url.searchParams.set('token', token);
  return { url: url.toString(), expiresAt };
}
