import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { TApprovalNeeds } from '@siar/shared';
import { appendAuditEvent, notify, type DB } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import type { TApprovalGate } from './approval-policy';

export interface TPostSaved {
  auth: TAuth;
  event: 'created' | 'updated';
  postId: string;
  opdId: string;
  /** The post's status after the save, and before it (edits). */
  status: string;
  previousStatus?: string;
  scheduledAt: string | null;
  text: string;
  needs: TApprovalNeeds;
  gate: TApprovalGate;
  /** What else the audit event should say (accounts, changed fields, revision). */
  details?: Record<string, unknown>;
}

/**
 * What a create or an edit leaves on record, inside its transaction (call it last): the audit
 * event; for a post submitted for approval, `post.submitted` and a notification to every
 * supervisor and admin (once per submission, not per edit while pending); for a reviewer's own
 * post that needed approval, a self-approval in `review` and `post.approved`.
 */
export async function recordPostSaved(trx: Transaction<DB>, o: TPostSaved): Promise<void> {
  const submitted = o.status === 'pending_approval';
  const selfApproved = o.gate === 'self_approve' && o.status === 'scheduled';
  const now = new Date().toISOString();
  if (submitted && o.previousStatus !== 'pending_approval') {
    const opd = await trx.selectFrom('opd').select(['name']).where('id', '=', o.opdId).executeTakeFirst();
    await notify(
      trx,
      { roles: ['supervisor', 'admin'], except: [o.auth.userId] },
      {
        kind: 'approval_requested',
        opdId: o.opdId,
        postId: o.postId,
        params: { author: o.auth.name, opd: opd?.name ?? '', excerpt: o.text.slice(0, 80), scheduledAt: o.scheduledAt ?? '' },
      },
    );
  }
  if (selfApproved)
    await trx
      .insertInto('review')
      .values({ id: randomUUID(), post_id: o.postId, reviewer_id: o.auth.userId, decision: 'approved', comment: null, created_at: now })
      .execute();
  const base = { actorId: o.auth.userId, entity: 'post', entityId: o.postId, opdId: o.opdId };
  await appendAuditEvent(trx, {
    ...base,
    action: `post.${o.event}`,
    details: { status: o.status, scheduledAt: o.scheduledAt, text: o.text, ...o.details },
  });
  if (submitted)
    await appendAuditEvent(trx, {
      ...base,
      action: 'post.submitted',
      details: { scheduledAt: o.scheduledAt, reasons: o.needs.reasons, watchWords: o.needs.watchWords },
    });
  if (selfApproved)
    await appendAuditEvent(trx, {
      ...base,
      action: 'post.approved',
      details: { self: true, reasons: o.needs.reasons, watchWords: o.needs.watchWords },
    });
}
