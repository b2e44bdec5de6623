import { freshCredentials, type TRefresherDeps } from '@siar/shared/node';

/** Tokens expiring within this window are refreshed ahead of time. */
const AHEAD_MS = 15 * 60_000;
const BATCH = 500;

/**
 * Proactive refresh, every few minutes: active accounts whose token expires within 15 minutes.
 * Single-flight per account (see freshCredentials), so running on every worker is harmless.
 */
export function createRefreshTokensProcessor(deps: TRefresherDeps) {
  return async (): Promise<{ refreshed: number; failed: number }> => {
    const due = await deps.db
      .selectFrom('social_account')
      .select('id')
      .where('status', '=', 'active')
      .where('token_expires_at', 'is not', null)
      .where('token_expires_at', '<', new Date(Date.now() + AHEAD_MS).toISOString())
      .orderBy('token_expires_at')
      .limit(BATCH)
      .execute();
    let failed = 0;
    for (const { id } of due) {
      try {
        await freshCredentials(deps, id, { minValidityMs: AHEAD_MS });
      } catch {
        failed += 1;
      }
    }
    return { refreshed: due.length - failed, failed };
  };
}
