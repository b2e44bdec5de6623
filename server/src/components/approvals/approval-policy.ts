import type { Transaction } from 'kysely';
import { AppError, findWatchWords, type TApprovalNeeds, type TApprovalReason } from '@siar/shared';
import type { DB, TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findWatchWordTexts } from '../watch-words/watch-words.repository';

type TExecutor = TDatabase | Transaction<DB>;

/** Supervisors (Diskominfo) and admins decide; an operator never does, not even on their own post. */
export function canReview(auth: Pick<TAuth, 'role'>): boolean {
  return auth.role === 'admin' || auth.role === 'supervisor';
}

/** Every text a post would publish: its text, each account's variant, the thread's parts. */
export function textsOfPost(o: {
  text: string;
  variants?: readonly string[] | undefined;
  threadParts?: readonly string[] | undefined;
}): string[] {
  return [o.text, ...(o.variants ?? []), ...(o.threadParts ?? [])];
}

/**
 * Why a post would need approval: one of its OPDs requires it, and/or its texts contain
 * watch-words (whatever the OPD's policy). Empty reasons: it does not.
 */
export async function approvalNeedsOf(db: TExecutor, o: { opdIds: string[]; texts: string[] }): Promise<TApprovalNeeds> {
  const opdIds = [...new Set(o.opdIds)];
  const policy = opdIds.length
    ? await db.selectFrom('opd').select('id').where('id', 'in', opdIds).where('requires_approval', '=', 1).executeTakeFirst()
    : undefined;
  const watchWords = findWatchWords(o.texts, await findWatchWordTexts(db));
  const reasons: TApprovalReason[] = [
    ...(policy ? (['opd_policy'] as const) : []),
    ...(watchWords.length ? (['watch_words'] as const) : []),
  ];
  return { reasons, watchWords };
}

/**
 * What saving a post with a time means for this person: an operator's post that needs approval
 * is submitted (`pending_approval`, nothing queued); a reviewer's is scheduled and recorded as
 * approved by themselves; any other is simply scheduled.
 */
export type TApprovalGate = 'submit' | 'self_approve' | 'none';

export function approvalGate(auth: Pick<TAuth, 'role'>, needs: TApprovalNeeds): TApprovalGate {
  if (needs.reasons.length === 0) return 'none';
  return canReview(auth) ? 'self_approve' : 'submit';
}

/** The least time a submitted post must leave a supervisor before it is due. */
export const APPROVAL_LEAD_MS = 60_000;

/**
 * A post that must wait for a supervisor cannot go out "now" (publish now, or a time in the next
 * minute): it would expire unapproved before anyone could act. Refused on `scheduledAt`, so the
 * person picks a time and submits it instead.
 */
export function checkApprovalLead(gate: TApprovalGate, scheduledAt: string | null, now: Date): void {
  if (gate === 'submit' && scheduledAt !== null && Date.parse(scheduledAt) - now.getTime() < APPROVAL_LEAD_MS) {
    throw new AppError('validation', { fieldErrors: [{ field: 'scheduledAt', key: 'approval_needs_time' }] });
  }
}
