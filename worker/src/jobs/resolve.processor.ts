import { randomUUID } from 'node:crypto';
import { type Job, UnrecoverableError } from 'bullmq';
import { ZResolveJobData } from '@siar/shared';
import { enqueueDeliveries, freshCredentials, refreshPostStatus, type TReadBackResult } from '@siar/shared/node';
import { closeOpenAttempts, endAttempt, lastPublishStart, startAttempt } from '../libraries/attempts.repository';
import { loadClaimedDelivery, loadPublishedParts, markEnded, markPublished, savePublishedPart, takeOverLease, textsOf, type TClaimedDelivery } from '../libraries/deliveries.repository';
import { publishUnderLease, type TPublishOutcome } from './publish-under-lease';
import type { TWorkerDeps } from './worker-deps';

/** Clock skew allowed between us and the platform when reading back. */
const SKEW_MS = 2 * 60_000;
const READ_BACK_TRIES = 3;

/** Thrown by the reschedule callback after it queued a publish job for the retry. */
class RescheduledError extends Error {}

async function readBackWithRetries(deps: TWorkerDeps, d: TClaimedDelivery, text: string, since: Date): Promise<TReadBackResult> {
  const adapter = deps.adapters.get(d.platform);
  if (!adapter || !d.credentials) return { status: 'unknown', reason: 'account not usable' };
  let credentials;
  try {
    credentials = await freshCredentials(deps.refresher, d.account_id);
  } catch (err) {
    return { status: 'unknown', reason: err instanceof Error ? err.message : String(err) };
  }
  let result: TReadBackResult = { status: 'unknown', reason: 'not tried' };
  for (let i = 0; i < READ_BACK_TRIES; i++) {
    result = await adapter.readBack({ account: { id: d.account_id, externalId: d.account_external_id, handle: d.handle }, credentials, text, since });
    if (result.status !== 'unknown') return result;
    await new Promise((r) => setTimeout(r, 500 * 2 ** i));
  }
  return result;
}

/**
 * Resolves a delivery left `publishing` (its worker died, or the platform's answer was lost):
 * never re-posts blindly. Reads the account back: found → published; provably absent →
 * publish again (or `missed` when too late); cannot tell → `unconfirmed` for a person.
 * In a thread, the part read back is the first one not on record: the parts before it are
 * known to be out, and the ones after it cannot have been sent.
 */
export function createResolveProcessor(deps: TWorkerDeps) {
  return async (job: Job): Promise<TPublishOutcome> => {
    const parsed = ZResolveJobData.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError('invalid resolve job payload');
    const leaseId = randomUUID();
    if (!(await takeOverLease(deps.db, { deliveryId: parsed.data.deliveryId, oldLeaseId: parsed.data.leaseId, newLeaseId: leaseId, now: new Date() }))) return 'skipped';
    const d = await loadClaimedDelivery(deps.db, parsed.data.deliveryId);
    if (!d) return 'skipped';
    const log = deps.logger.child({ deliveryId: d.id, postId: d.post_id, accountId: d.account_id, jobId: job.id });
    try {
      await closeOpenAttempts(deps.db, d.id);
      const texts = textsOf(d);
      const parts = texts.length > 1 ? await loadPublishedParts(deps.db, d.id) : [];
      const next = parts.length;
      if (next > 0 && next === texts.length) {
        // Every part is on record; only the final commit was lost.
        await markPublished(deps.db, { deliveryId: d.id, leaseId, externalId: parts[0]!.externalId, url: parts[0]!.url, at: new Date() });
        deps.metrics.deliveries.inc({ platform: d.platform, outcome: 'published' });
        return 'published';
      }
      const since = new Date((await lastPublishStart(deps.db, d.id))?.getTime() ?? Date.parse(d.scheduled_at ?? new Date().toISOString()));
      const readBackId = await startAttempt(deps.db, { deliveryId: d.id, number: d.attempt, kind: 'read_back' });
      const result = await readBackWithRetries(deps, d, texts[next]!, new Date(since.getTime() - SKEW_MS));
      await endAttempt(deps.db, readBackId, { outcome: result.status, excerpt: result.status === 'unknown' ? result.reason : undefined });
      deps.metrics.readBacks.inc({ platform: d.platform, result: result.status });
      log.info({ result: result.status }, 'read-back');
      if (result.status === 'found' && next + 1 < texts.length) {
        // A part of a thread is out: on record, then the rest goes on from the part after it.
        await savePublishedPart(deps.db, { deliveryId: d.id, leaseId, part: { index: next, externalId: result.externalId, url: result.url }, at: new Date() });
      } else if (result.status === 'found') {
        if (texts.length > 1) await savePublishedPart(deps.db, { deliveryId: d.id, leaseId, part: { index: next, externalId: result.externalId, url: result.url }, at: new Date() });
        const first = next === 0 ? { externalId: result.externalId, url: result.url } : parts[0]!;
        await markPublished(deps.db, { deliveryId: d.id, leaseId, externalId: first.externalId, url: first.url, at: new Date() });
        deps.metrics.deliveries.inc({ platform: d.platform, outcome: 'published' });
        return 'published';
      }
      if (result.status === 'unknown') {
        await markEnded(deps.db, { deliveryId: d.id, leaseId, status: 'unconfirmed', error: { kind: 'ambiguous', message: result.reason } });
        return 'unconfirmed';
      }
      // A thread already begun is finished however late: its first part is public.
      if (next === 0 && d.scheduled_at && Date.now() - Date.parse(d.scheduled_at) > deps.maxLatenessMs) {
        await markEnded(deps.db, { deliveryId: d.id, leaseId, status: 'missed', error: { kind: 'missed', message: '' } });
        return 'missed';
      }
      // Provably absent: publishing again cannot make a duplicate. A retry goes back through a
      // publish job, since this resolve job's id must not be reused for it.
      const reschedule = async (at: Date): Promise<never> => {
        await enqueueDeliveries(deps.publishQueue, [{ deliveryId: d.id, revision: d.revision, scheduledAt: at.toISOString() }]);
        throw new RescheduledError();
      };
      await deps.db.updateTable('delivery').set((eb) => ({ attempt: eb('attempt', '+', 1) })).where('id', '=', d.id).where('lease_id', '=', leaseId).execute();
      const attemptId = await startAttempt(deps.db, { deliveryId: d.id, number: d.attempt + 1, kind: 'publish' });
      return await publishUnderLease(deps, { ...d, attempt: d.attempt + 1 }, { leaseId, attemptId }, reschedule).catch((e: unknown) => {
        if (e instanceof RescheduledError) return 'retry' as const;
        throw e;
      });
    } finally {
      await refreshPostStatus(deps.db, d.post_id);
    }
  };
}
