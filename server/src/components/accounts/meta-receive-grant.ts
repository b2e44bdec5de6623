import { PublishError, type TLogger, type TPlatformOAuth } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import type { TConnectDeps } from './connect-account';
import { savePendingConnect } from './meta-pending-connect.repository';

/**
 * The callback of a consent that covers several accounts: the code is exchanged, the accounts
 * it reaches are listed and kept (sealed) for the person to choose from, in Siar, which of them
 * to add and to which OPD. Nothing is connected yet; on any failure nothing is stored.
 */
export async function receiveGrant(
  deps: TConnectDeps & { logger: TLogger },
  o: { oauth: TPlatformOAuth; grantName: string; auth: TAuth; opdId: string; code: string; codeVerifier: string; redirectUri: string },
): Promise<{ ok: true; chooseId: string } | { ok: false; reason: 'exchange_failed' }> {
  let accounts;
  try {
    const credentials = await o.oauth.exchange({ code: o.code, codeVerifier: o.codeVerifier, redirectUri: o.redirectUri });
    if (!o.oauth.listAccounts) throw new Error('this grant lists no accounts');
    accounts = await o.oauth.listAccounts(credentials);
  } catch (err) {
    deps.logger.warn({ grant: o.grantName, reason: err instanceof PublishError ? err.kind : 'error' }, 'account connect: exchange or listing failed');
    return { ok: false, reason: 'exchange_failed' };
  }
  const chooseId = await savePendingConnect(deps.db, deps.ring, { grantName: o.grantName, sessionHash: o.auth.sessionHash, userId: o.auth.userId, opdId: o.opdId, accounts });
  deps.logger.info({ grant: o.grantName, offered: accounts.length }, 'account connect: waiting for the choice');
  return { ok: true, chooseId };
}
