import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { TKeyRing } from '../crypto/secret-box';
import type { TDatabase } from '../db/database';
import { openCredentials, saveCredentials } from '../db/repositories/account-credentials.repository';
import type { TLogger } from '../logger';
import { flagAccountNeedsReconnect } from '../notifications/notify';
import type { TCredentials, TPlatformAdapter } from './adapter';
import { PublishError } from './publish-error';

export interface TRefresherDeps {
  db: TDatabase;
  ring: TKeyRing;
  redis: Redis;
  prefix: string;
  adapters: ReadonlyMap<string, TPlatformAdapter>;
  logger: TLogger;
  /** Counts refresh calls made by this process (for /metrics). */
  onRefresh?: (platform: string, outcome: 'refreshed' | 'disconnected' | 'failed') => void;
}

const LOCK_MS = 30_000;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

async function load(deps: TRefresherDeps, accountId: string) {
  const row = await deps.db.selectFrom('social_account').select(['id', 'platform', 'status', 'credentials']).where('id', '=', accountId).executeTakeFirst();
  if (!row?.credentials) throw new PublishError('account_disconnected', 'the account has no credentials');
  return { platform: row.platform, status: row.status, credentials: openCredentials(deps.ring, row.id, row.credentials) };
}

function needsRefresh(c: TCredentials, o: { minValidityMs: number; staleAccessToken?: string | undefined }): boolean {
  if (o.staleAccessToken !== undefined) return c.accessToken === o.staleAccessToken;
  return c.expiresAt !== undefined && Date.parse(c.expiresAt) - Date.now() < o.minValidityMs;
}

/**
 * An account's usable credentials, refreshed when they expire within `minValidityMs` or when
 * the platform refused `staleAccessToken`. Single-flight across every process: a Redis lock per
 * account, the row re-read once the lock is held, and the rotated refresh token committed
 * before the new access token is used. Only a refused grant marks the account; a transient
 * failure throws `transient` and changes nothing.
 */
export async function freshCredentials(deps: TRefresherDeps, accountId: string, o: { minValidityMs?: number; staleAccessToken?: string } = {}): Promise<TCredentials> {
  const want = { minValidityMs: o.minValidityMs ?? 60_000, staleAccessToken: o.staleAccessToken };
  const key = `${deps.prefix}:lock:refresh:${accountId}`;
  for (let waited = 0; ; ) {
    const current = await load(deps, accountId);
    if (!needsRefresh(current.credentials, want)) return current.credentials;
    const oauth = deps.adapters.get(current.platform)?.oauth;
    if (!oauth || !current.credentials.refreshToken) return current.credentials;
    const token = randomUUID();
    if ((await deps.redis.set(key, token, 'PX', LOCK_MS, 'NX')) !== 'OK') {
      // Another process is refreshing: wait for it, then read what it saved.
      if (waited > LOCK_MS) throw new PublishError('transient', 'timed out waiting for a token refresh');
      await new Promise((r) => setTimeout(r, 100));
      waited += 100;
      continue;
    }
    try {
      const locked = await load(deps, accountId);
      if (!needsRefresh(locked.credentials, want)) return locked.credentials;
      const next = await oauth.refresh(locked.credentials);
      await saveCredentials(deps.db, deps.ring, accountId, next);
      deps.onRefresh?.(current.platform, 'refreshed');
      deps.logger.info({ accountId }, 'token refreshed');
      return next;
    } catch (err) {
      if (err instanceof PublishError && err.kind === 'account_disconnected') {
        await flagAccountNeedsReconnect(deps.db, accountId);
        deps.onRefresh?.(current.platform, 'disconnected');
        deps.logger.warn({ accountId, reason: err.message }, 'refresh refused: the account must be reconnected');
      } else deps.onRefresh?.(current.platform, 'failed');
      throw err;
    } finally {
      await deps.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }
}
