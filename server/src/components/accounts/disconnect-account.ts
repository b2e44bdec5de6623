import { AppError } from '@siar/shared';
import { appendAuditEvent, openCredentials, type TDatabase, type TKeyRing, type TLogger, type TPlatformAdapter } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findAccountsByIds } from './accounts.repository';

/**
 * Revokes the token at the platform (best effort: a platform that cannot be reached must not
 * keep the credentials here) and deletes the credentials. The row stays, as history of its posts.
 */
export async function disconnectAccount(deps: { db: TDatabase; ring: TKeyRing; adapters: ReadonlyMap<string, TPlatformAdapter>; logger: TLogger }, o: { auth: TAuth; id: string }): Promise<void> {
  if (o.auth.role === 'supervisor') throw new AppError('forbidden');
  const [account] = await findAccountsByIds(deps.db, o.auth.opdIds, [o.id]);
  if (!account) throw new AppError('not_found');
  const row = await deps.db.selectFrom('social_account').select(['credentials']).where('id', '=', o.id).executeTakeFirstOrThrow();
  const oauth = deps.adapters.get(account.platform)?.oauth;
  if (row.credentials && oauth) {
    try {
      await oauth.revoke(openCredentials(deps.ring, o.id, row.credentials));
    } catch (err) {
      deps.logger.warn({ accountId: o.id, err: err instanceof Error ? err.message : String(err) }, 'revoking at the platform failed; credentials deleted anyway');
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('social_account').set({ credentials: null, token_expires_at: null, status: 'disabled', updated_at: new Date().toISOString() }).where('id', '=', o.id).execute();
    await appendAuditEvent(trx, { actorId: o.auth.userId, action: 'account.disconnected', entity: 'social_account', entityId: o.id, opdId: account.opd_id, details: { platform: account.platform, handle: account.handle } });
  });
  deps.logger.info({ accountId: o.id }, 'account disconnected');
}
