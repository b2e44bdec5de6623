import { createHash } from 'node:crypto';
import { open, seal, type TDatabase, type TKeyRing } from '@siar/shared/node';

/** A connect round trip may take this long (consent screens, a second factor at X). */
export const STATE_TTL_MS = 10 * 60_000;

export function hashState(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

export async function saveOAuthState(db: TDatabase, ring: TKeyRing, o: { state: string; platform: string; sessionHash: string; userId: string; opdId: string; codeVerifier: string; redirectUri: string }) {
  const stateHash = hashState(o.state);
  const now = Date.now();
  await db
    .insertInto('oauth_state')
    .values({
      state_hash: stateHash,
      platform: o.platform,
      session_hash: o.sessionHash,
      user_id: o.userId,
      opd_id: o.opdId,
      // The PKCE verifier is a secret until the code is exchanged: sealed like a token.
      code_verifier: seal(ring, o.codeVerifier, `oauth_state:${stateHash}`),
      redirect_uri: o.redirectUri,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + STATE_TTL_MS).toISOString(),
      used_at: null,
    })
    .execute();
  await db.deleteFrom('oauth_state').where('expires_at', '<', new Date(now - STATE_TTL_MS).toISOString()).execute();
}

/**
 * Takes a state once: the conditional update makes a replayed callback find nothing. Answers
 * the state with its verifier opened, or why it cannot be used.
 */
export async function consumeOAuthState(db: TDatabase, ring: TKeyRing, o: { state: string; platform: string }) {
  const stateHash = hashState(o.state);
  const row = await db.selectFrom('oauth_state').selectAll().where('state_hash', '=', stateHash).where('platform', '=', o.platform).executeTakeFirst();
  if (!row) return { error: 'state_unknown' as const };
  const now = new Date().toISOString();
  const taken = await db.updateTable('oauth_state').set({ used_at: now }).where('state_hash', '=', stateHash).where('used_at', 'is', null).executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) return { error: 'state_used' as const };
  if (row.expires_at < now) return { error: 'state_expired' as const };
  return { row, codeVerifier: open(ring, row.code_verifier, `oauth_state:${stateHash}`) };
}
