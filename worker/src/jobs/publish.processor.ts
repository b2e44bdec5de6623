import { randomUUID } from 'node:crypto';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { ZPublishJobData } from '@siar/shared';
import { refreshPostStatus } from '@siar/shared/node';
import { claimDelivery, loadClaimedDelivery, markMissedIfOverdue } from '../libraries/deliveries.repository';
import { publishUnderLease, type TPublishOutcome } from './publish-under-lease';
import type { TWorkerDeps } from './worker-deps';

async function setNextAttempt(deps: TWorkerDeps, o: { deliveryId: string; revision: number; at: Date }) {
  await deps.db
    .updateTable('delivery')
    .set({ next_attempt_at: o.at.toISOString(), last_error: JSON.stringify({ kind: 'rate_limited', message: '' }), updated_at: new Date().toISOString() })
    .where('id', '=', o.deliveryId)
    .where('status', '=', 'scheduled')
    .where('revision', '=', o.revision)
    .execute();
}

/**
 * Publishes one delivery at most once per claim. Idempotent: a job that runs again (stalled,
 * duplicated, stale revision) finds the delivery no longer `scheduled` at its revision and
 * is skipped. Order: lateness check, quota, claim (committed), platform call.
 */
export function createPublishProcessor(deps: TWorkerDeps) {
  return async (job: Job, token?: string): Promise<TPublishOutcome> => {
    const parsed = ZPublishJobData.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError('invalid publish job payload');
    const { deliveryId, revision } = parsed.data;
    const reschedule = async (at: Date): Promise<never> => {
      await job.moveToDelayed(at.getTime(), token);
      throw new DelayedError();
    };
    const d = await loadClaimedDelivery(deps.db, deliveryId);
    if (!d || d.status !== 'scheduled' || d.revision !== revision) return 'skipped';
    const cutoff = new Date(Date.now() - deps.maxLatenessMs);
    const overdue = d.scheduled_at !== null && d.scheduled_at < cutoff.toISOString();
    if (!overdue) {
      const adapter = deps.adapters.get(d.platform);
      const slot = await deps.limiter.take({ platform: d.platform, accountId: d.account_id, limits: adapter?.limits ?? [], member: `${deliveryId}:${Date.now()}` });
      if (!slot.ok) {
        deps.metrics.rateLimitWaits.inc({ platform: d.platform, source: 'quota' });
        await setNextAttempt(deps, { deliveryId, revision, at: slot.retryAt });
        return await reschedule(slot.retryAt);
      }
      const lease = { leaseId: randomUUID(), attemptId: randomUUID() };
      // The claim re-checks lateness itself, so a delivery that became overdue meanwhile is not taken.
      if (await claimDelivery(deps.db, { deliveryId, revision, leaseId: lease.leaseId, now: new Date(), notBefore: cutoff, attempt: { id: lease.attemptId, number: d.attempt + 1 } })) {
        return publishUnderLease(deps, { ...d, attempt: d.attempt + 1 }, lease, reschedule);
      }
    }
    if (await markMissedIfOverdue(deps.db, { deliveryId, revision, cutoff })) {
      await refreshPostStatus(deps.db, d.post_id);
      deps.metrics.deliveries.inc({ platform: d.platform, outcome: 'missed' });
      return 'missed';
    }
    return 'skipped';
  };
}
