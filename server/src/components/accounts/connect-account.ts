import { randomBytes } from 'node:crypto';
import { AppError } from '@siar/shared';
import type { TDatabase, TKeyRing, TPlatformAdapter } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { saveOAuthState } from './oauth-states.repository';

export interface TConnectDeps {
  db: TDatabase;
  ring: TKeyRing;
  adapters: ReadonlyMap<string, TPlatformAdapter>;
  /** The address people reach Siar at; the platform sends them back to it. */
  publicBaseUrl: string;
}

export function callbackUrl(publicBaseUrl: string, platform: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/api/oauth/${encodeURIComponent(platform)}/callback`;
}

/**
 * Starts "Hubungkan akun": a random state bound to this session and the chosen OPD, and the
 * platform's consent URL (PKCE). Operators connect accounts only for their own OPDs.
 */
export async function startConnect(deps: TConnectDeps, o: { auth: TAuth; platform: string; opdId: string }): Promise<{ authorizeUrl: string }> {
  const oauth = deps.adapters.get(o.platform)?.oauth;
  if (!oauth) throw new AppError('not_found', { fieldErrors: [{ field: 'platform', key: 'platform_not_configured' }] });
  if (o.auth.role === 'supervisor') throw new AppError('forbidden');
  if (o.auth.opdIds !== null && !o.auth.opdIds.includes(o.opdId)) throw new AppError('not_found', { fieldErrors: [{ field: 'opdId', key: 'opd_not_found' }] });
  if (!(await deps.db.selectFrom('opd').select('id').where('id', '=', o.opdId).executeTakeFirst())) throw new AppError('not_found', { fieldErrors: [{ field: 'opdId', key: 'opd_not_found' }] });
  const state = randomBytes(24).toString('base64url');
  // Platforms sharing one consent (Facebook Login) share its callback and its state.
  const grant = oauth.grantName ?? o.platform;
  const redirectUri = callbackUrl(deps.publicBaseUrl, grant);
  const { url, codeVerifier } = oauth.authorizeUrl({ state, redirectUri });
  await saveOAuthState(deps.db, deps.ring, { state, platform: grant, sessionHash: o.auth.sessionHash, userId: o.auth.userId, opdId: o.opdId, codeVerifier, redirectUri });
  return { authorizeUrl: url };
}
