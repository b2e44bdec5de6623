import { randomUUID } from 'node:crypto';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { ZPublishJobData, type TPublishJobData } from '@siar/shared';
import { openCredentials, PublishError, refreshPostStatus, type TDatabase, type TKeyRing, type TLogger, type TPlatformAdapter } from '@siar/shared/node';
import { claimDelivery, loadClaimedDelivery, markAccountNeedsReconnect, markEnded, markPublished, releaseForRetry, type TClaimedDelivery } from '../libraries/deliveries.repository';
import { retryDelayMs } from './retry-backoff';

export interface TPublishDeps {
  db: TDatabase;
  ring: TKeyRing;
  adapters: ReadonlyMap<string, TPlatformAdapter>;
  logger: TLogger;
  maxAttempts: number;
}

export type TPublishOutcome = 'published' | 'skipped' | 'failed' | 'unconfirmed' | 'retry';

async function publishClaimed(deps: TPublishDeps, d: TClaimedDelivery, leaseId: string, job: Job, token: string | undefined): Promise<TPublishOutcome> {
  const { db } = deps;
  const adapter = deps.adapters.get(d.platform);
  if (!adapter || d.account_status !== 'active' || !d.credentials) {
    await markEnded(db, { deliveryId: d.id, leaseId, status: 'failed', error: { kind: adapter ? 'account_disconnected' : 'internal', message: '' } });
    return 'failed';
  }
  const log = deps.logger.child({ deliveryId: d.id, postId: d.post_id, accountId: d.account_id, jobId: job.id, attempt: d.attempt });
  try {
    const credentials = openCredentials(deps.ring, d.account_id, d.credentials);
    const result = await adapter.publish({ account: { id: d.account_id, externalId: d.account_external_id, handle: d.handle }, credentials, text: d.text_override ?? d.text });
    await markPublished(db, { deliveryId: d.id, leaseId, externalId: result.externalId, url: result.url, at: new Date() });
    log.info({ externalId: result.externalId }, 'published');
    return 'published';
  } catch (err) {
    const error = err instanceof PublishError ? err : new PublishError('ambiguous', err instanceof Error ? err.message : String(err));
    const recorded = { kind: error.kind, message: error.platformDetail ? error.message : error.message.slice(0, 300) };
    log.warn({ kind: error.kind, httpStatus: error.httpStatus, detail: error.platformDetail }, 'publish did not succeed');
    const retryAt =
      error.kind === 'rate_limited' ? (error.resetAt ?? new Date(Date.now() + 60_000)) : error.kind === 'transient' && d.attempt < deps.maxAttempts ? new Date(Date.now() + retryDelayMs(d.attempt)) : undefined;
    if (retryAt && token) {
      // Rate limits use no attempt: nothing fails for being rate-limited.
      await releaseForRetry(db, { deliveryId: d.id, leaseId, at: retryAt, error: recorded, countsAsAttempt: error.kind !== 'rate_limited' });
      await job.moveToDelayed(retryAt.getTime(), token);
      throw new DelayedError();
    }
    if (error.kind === 'account_disconnected' || error.kind === 'auth_expired') await markAccountNeedsReconnect(db, d.account_id);
    const status = error.kind === 'ambiguous' ? 'unconfirmed' : 'failed';
    await markEnded(db, { deliveryId: d.id, leaseId, status, error: recorded });
    return status;
  }
}

/**
 * Publishes one delivery at most once per claim. Idempotent: a job that runs again (stalled,
 * duplicated, stale revision) fails the claim and is skipped.
 */
export function createPublishProcessor(deps: TPublishDeps) {
  return async (job: Job<TPublishJobData>, token?: string): Promise<TPublishOutcome> => {
    const parsed = ZPublishJobData.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError('invalid publish job payload');
    const { deliveryId, revision } = parsed.data;
    const leaseId = randomUUID();
    if (!(await claimDelivery(deps.db, { deliveryId, revision, leaseId, now: new Date() }))) return 'skipped';
    const delivery = await loadClaimedDelivery(deps.db, deliveryId);
    if (!delivery) return 'skipped';
    try {
      return await publishClaimed(deps, delivery, leaseId, job, token);
    } finally {
      await refreshPostStatus(deps.db, delivery.post_id);
    }
  };
}
