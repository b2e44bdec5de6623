import { commitWithoutFsync, createGroupCommit, freshCredentials, lockPostRow, PublishError, refreshPostStatus, type TCredentials, type TDatabase, type TGroupCommit, type TPlatformAdapter } from '@siar/shared/node';
import { endAttempt } from '../libraries/attempts.repository';
import { loadPostMedia } from '../libraries/delivery-media.repository';
import { keepLeaseAlive } from '../libraries/lease-keeper';
import {
  awaitReadBack,
  loadPublishedParts,
  markAccountNeedsReconnect,
  markEnded,
  markPublished,
  releaseForRetry,
  savePublishedPart,
  textsOf,
  type TClaimedDelivery,
  type TPublishedPart,
} from '../libraries/deliveries.repository';
import { retryDelayMs } from './retry-backoff';
import type { TWorkerDeps } from './worker-deps';

/** Read-back of one of this delivery's texts since its first attempt (the one whose answer may have been lost). */
async function findEarlierCopy(deps: TWorkerDeps, d: TClaimedDelivery, adapter: TPlatformAdapter, text: string) {
  const first = await deps.db.selectFrom('delivery_attempt').select('started_at').where('delivery_id', '=', d.id).orderBy('started_at').limit(1).executeTakeFirst();
  const since = new Date(Date.parse(first?.started_at ?? d.scheduled_at ?? new Date().toISOString()) - 2 * 60_000);
  const credentials = await freshCredentials(deps.refresher, d.account_id);
  const result = await adapter.readBack({ account: { id: d.account_id, externalId: d.account_external_id, handle: d.handle }, credentials, text, since });
  return result.status === 'found' ? result : undefined;
}

export type TPublishOutcome = 'published' | 'skipped' | 'failed' | 'unconfirmed' | 'missed' | 'retry' | 'awaiting_read_back';

/** How the calling job comes back later: publish jobs move themselves to delayed. */
export type TReschedule = (at: Date) => Promise<never>;

function recorded(error: PublishError) {
  return { kind: error.kind, message: error.message.slice(0, 300) };
}

/** Outcomes finishing together share a commit, which is not flushed to disk before it answers. */
const outcomeCommits = new WeakMap<TDatabase, TGroupCommit>();
function outcomeCommitsOf(db: TDatabase): TGroupCommit {
  let commits = outcomeCommits.get(db);
  if (!commits) outcomeCommits.set(db, (commits = createGroupCommit(db, { transaction: commitWithoutFsync })));
  return commits;
}

/**
 * One platform call for a delivery this worker holds the lease on, and what follows from its
 * outcome. Every write is fenced by the lease; the attempt is on record either way.
 */
export async function publishUnderLease(deps: TWorkerDeps, d: TClaimedDelivery, lease: { leaseId: string; attemptId: string }, reschedule: TReschedule): Promise<TPublishOutcome> {
  const { leaseId, attemptId } = lease;
  const { db } = deps;
  const adapter: TPlatformAdapter | undefined = deps.adapters.get(d.platform);
  const log = deps.logger.child({ deliveryId: d.id, postId: d.post_id, accountId: d.account_id, attempt: d.attempt });
  if (!adapter || d.account_status !== 'active' || !d.credentials) {
    await markEnded(db, { deliveryId: d.id, leaseId, status: 'failed', error: { kind: adapter ? 'account_disconnected' : 'internal', message: '' } });
    await endAttempt(db, attemptId, { outcome: 'failed', errorKind: 'account_disconnected' });
    await refreshPostStatus(db, d.post_id);
    deps.metrics.deliveries.inc({ platform: d.platform, outcome: 'failed' });
    return 'failed';
  }
  // A thread is published part by part, each a reply to the one before; parts already out are skipped.
  const texts = textsOf(d);
  const isThread = texts.length > 1;
  let index = 0;
  const stopKeepingLease = keepLeaseAlive(db, { deliveryId: d.id, leaseId, everyMs: deps.settleMs / 3 });
  try {
    const published: TPublishedPart[] = isThread ? await loadPublishedParts(db, d.id) : [];
    const media = await loadPostMedia(db, d.media_ids, deps.mediaDir, deps.mediaUrl);
    const publishWith = (credentials: TCredentials, partIndex: number, replyTo: string | undefined) =>
      adapter.publish({
        account: { id: d.account_id, externalId: d.account_external_id, handle: d.handle },
        credentials,
        text: texts[partIndex]!,
        ...(partIndex === 0 && media.length ? { media } : {}),
        ...(replyTo ? { replyToExternalId: replyTo } : {}),
      });
    // Refreshed first when about to expire; refreshed once more if the platform still refuses it.
    let credentials = await freshCredentials(deps.refresher, d.account_id);
    for (index = published.length; index < texts.length; index++) {
      const replyTo = published[index - 1]?.externalId;
      let part;
      try {
        part = await publishWith(credentials, index, replyTo);
      } catch (err) {
        if (!(err instanceof PublishError && err.kind === 'auth_expired' && adapter.oauth && credentials.refreshToken)) throw err;
        credentials = await freshCredentials(deps.refresher, d.account_id, { staleAccessToken: credentials.accessToken });
        part = await publishWith(credentials, index, replyTo);
      }
      published.push({ index, externalId: part.externalId, url: part.url });
      // Saved before the next part goes out: a crash from here on resumes after this part.
      if (isThread && !(await savePublishedPart(db, { deliveryId: d.id, leaseId, part: published[index]!, at: new Date() }))) {
        log.warn({ part: index }, 'lease lost mid-thread; another worker goes on');
        return 'skipped';
      }
    }
    const result = published[0]!;
    const at = new Date();
    // One commit records the outcome, shared with the outcomes finishing at the same moment; if
    // it were lost (a crash, a power cut: it is not flushed to disk before the next job), the
    // lease would expire and read-back find the post.
    const known = { postId: d.post_id, opdId: d.opd_id, accountId: d.account_id, handle: d.handle, platform: d.platform };
    await outcomeCommitsOf(db).run(d.post_id, async (trx) => {
      await lockPostRow(trx, d.post_id);
      await markPublished(trx, { deliveryId: d.id, leaseId, externalId: result.externalId, url: result.url, at, known });
      await endAttempt(trx, attemptId, { outcome: 'published' });
      await refreshPostStatus(trx, d.post_id, { postLocked: true });
    });
    deps.metrics.deliveries.inc({ platform: d.platform, outcome: 'published' });
    if (d.scheduled_at) deps.metrics.lateness.observe({ platform: d.platform }, Math.max(0, at.getTime() - Date.parse(d.scheduled_at)) / 1000);
    log.info({ externalId: result.externalId, parts: texts.length }, 'published');
    return 'published';
  } catch (err) {
    const error = err instanceof PublishError ? err : new PublishError('ambiguous', err instanceof Error ? err.message : String(err));
    log.warn({ kind: error.kind, httpStatus: error.httpStatus, detail: error.platformDetail }, 'publish did not succeed');
    await endAttempt(db, attemptId, { outcome: error.kind, errorKind: error.kind, httpStatus: error.httpStatus, excerpt: error.platformDetail ?? error.message });
    deps.metrics.deliveries.inc({ platform: d.platform, outcome: error.kind });
    if (error.kind === 'rate_limited') {
      const at = error.resetAt ?? new Date(Date.now() + 60_000);
      await deps.limiter.block({ platform: d.platform, accountId: d.account_id, scope: error.limitScope ?? 'account', until: at });
      deps.metrics.rateLimitWaits.inc({ platform: d.platform, source: 'platform' });
      // Nothing fails for being rate-limited, and the wait uses no attempt.
      await releaseForRetry(db, { deliveryId: d.id, leaseId, at, error: recorded(error), countsAsAttempt: false });
      return reschedule(at);
    }
    if (error.kind === 'transient' && d.attempt < deps.maxAttempts) {
      const at = new Date(Date.now() + retryDelayMs(d.attempt, deps.retryBaseMs));
      await releaseForRetry(db, { deliveryId: d.id, leaseId, at, error: recorded(error), countsAsAttempt: true });
      return reschedule(at);
    }
    // A retry refused as "duplicate" may be refused because our earlier try did get through.
    if (error.duplicate && d.attempt > 1) {
      const found = await findEarlierCopy(deps, d, adapter, texts[index]!);
      if (found && isThread) {
        // That part is out: record it, and the next try goes on with the part after it.
        await savePublishedPart(db, { deliveryId: d.id, leaseId, part: { index, externalId: found.externalId, url: found.url }, at: new Date() });
        const at = new Date();
        await releaseForRetry(db, { deliveryId: d.id, leaseId, at, error: recorded(error), countsAsAttempt: false });
        return reschedule(at);
      }
      if (found) {
        await db.transaction().execute(async (trx) => {
          await lockPostRow(trx, d.post_id);
          await markPublished(trx, { deliveryId: d.id, leaseId, externalId: found.externalId, url: found.url, at: new Date() });
          await refreshPostStatus(trx, d.post_id);
        });
        deps.metrics.deliveries.inc({ platform: d.platform, outcome: 'published' });
        return 'published';
      }
    }
    if (error.kind === 'ambiguous') {
      await awaitReadBack(db, { deliveryId: d.id, leaseId, error: recorded(error) });
      return 'awaiting_read_back';
    }
    if (error.kind === 'account_disconnected' || error.kind === 'auth_expired') await markAccountNeedsReconnect(db, d.account_id);
    await markEnded(db, { deliveryId: d.id, leaseId, status: 'failed', error: recorded(error) });
    await refreshPostStatus(db, d.post_id);
    return 'failed';
  } finally {
    stopKeepingLease();
  }
}
