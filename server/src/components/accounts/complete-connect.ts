import { randomUUID } from 'node:crypto';
import { appendAuditEvent, oauthForGrant, PublishError, saveCredentials, type TLogger } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import type { TConnectDeps } from './connect-account';
import { consumeOAuthState } from './oauth-states.repository';
import { receiveGrant } from './meta-receive-grant';

export type TConnectFailure = 'denied' | 'state_unknown' | 'state_used' | 'state_expired' | 'state_session' | 'exchange_failed' | 'other_opd' | 'not_configured';

type TConnectResult = { ok: true; handle: string; reconnected: boolean } | { ok: true; chooseId: string } | { ok: false; reason: TConnectFailure };

/**
 * The platform sent the person back. The state must be known, unused, fresh and bound to this
 * session; only then is the code exchanged. The same platform user connected again is a
 * reconnect of the same account row, never a duplicate. On any failure nothing is stored but
 * the refusal itself, in the audit log (a replayed or forged callback is worth knowing about).
 */
export async function completeConnect(deps: TConnectDeps & { logger: TLogger }, o: { auth: TAuth | undefined; platform: string; query: Record<string, unknown> }): Promise<TConnectResult> {
  const result = await tryConnect(deps, o);
  if (!result.ok) {
    await appendAuditEvent(deps.db, { actorId: o.auth?.userId ?? null, action: 'account.connect_refused', entity: 'social_account', entityId: null, opdId: null, details: { platform: o.platform.slice(0, 40), reason: result.reason } }).catch((err: unknown) =>
      deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'account connect: the refusal could not be audited'),
    );
  }
  return result;
}

async function tryConnect(deps: TConnectDeps & { logger: TLogger }, o: { auth: TAuth | undefined; platform: string; query: Record<string, unknown> }): Promise<TConnectResult> {
  // `platform` is the grant's name: a platform's id, or the name platforms sharing one consent use.
  const found = oauthForGrant(deps.adapters, o.platform);
  if (!found) return { ok: false, reason: 'not_configured' };
  const { oauth, adapter } = found;
  const state = typeof o.query.state === 'string' ? o.query.state : '';
  const taken = await consumeOAuthState(deps.db, deps.ring, { state, platform: o.platform });
  if ('error' in taken) return { ok: false, reason: taken.error ?? 'state_unknown' };
  const { row, codeVerifier } = taken;
  if (!o.auth || o.auth.sessionHash !== row.session_hash) return { ok: false, reason: 'state_session' };
  if (typeof o.query.error === 'string' || typeof o.query.code !== 'string') return { ok: false, reason: 'denied' };
  // One consent, several accounts: the person chooses in Siar which to add (meta-receive-grant.ts).
  if (oauth.listAccounts) return receiveGrant(deps, { oauth, grantName: o.platform, auth: o.auth, opdId: row.opd_id, code: o.query.code, codeVerifier, redirectUri: row.redirect_uri });
  let credentials;
  let profile;
  try {
    credentials = await oauth.exchange({ code: o.query.code, codeVerifier, redirectUri: row.redirect_uri });
    profile = await adapter.getProfile(credentials);
  } catch (err) {
    deps.logger.warn({ platform: o.platform, reason: err instanceof PublishError ? err.kind : 'error' }, 'account connect: exchange failed');
    return { ok: false, reason: 'exchange_failed' };
  }
  const now = new Date().toISOString();
  const existing = await deps.db.selectFrom('social_account').select(['id', 'opd_id']).where('platform', '=', o.platform).where('external_id', '=', profile.externalId).executeTakeFirst();
  if (existing && existing.opd_id !== row.opd_id && o.auth.opdIds !== null && !o.auth.opdIds.includes(existing.opd_id)) return { ok: false, reason: 'other_opd' };
  const id = existing?.id ?? randomUUID();
  const actorId = o.auth.userId;
  await deps.db.transaction().execute(async (trx) => {
    if (existing) {
      await trx.updateTable('social_account').set({ handle: profile.handle, display_name: profile.displayName, status: 'active', updated_at: now }).where('id', '=', id).execute();
    } else {
      await trx
        .insertInto('social_account')
        .values({ id, opd_id: row.opd_id, platform: o.platform, external_id: profile.externalId, handle: profile.handle, display_name: profile.displayName, status: 'active', credentials: null, token_expires_at: null, created_at: now, updated_at: now })
        .execute();
    }
    await saveCredentials(trx, deps.ring, id, credentials);
    await appendAuditEvent(trx, { actorId, action: existing ? 'account.reconnected' : 'account.connected', entity: 'social_account', entityId: id, opdId: existing?.opd_id ?? row.opd_id, details: { platform: o.platform, handle: profile.handle } });
  });
  deps.logger.info({ accountId: id, platform: o.platform, reconnected: Boolean(existing) }, 'account connected');
  return { ok: true, handle: profile.handle, reconnected: Boolean(existing) };
}
