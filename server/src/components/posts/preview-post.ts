import { AppError, type TPostCheck, type TPostCheckRequest } from '@siar/shared';
import type { TDatabase, TPlatformSettings } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findAccountsByIds } from '../accounts/accounts.repository';
import { checkPost } from './check-post';
import { approvalGate, approvalNeedsOf, textsOfPost } from '../approvals/approval-policy';

/**
 * POST /api/posts/check: what the composer shows while typing (warnings, estimated cost, the
 * watch-words found and whether a time would submit it for approval); saves nothing.
 */
export async function previewPost(o: { db: TDatabase; auth: TAuth; input: TPostCheckRequest; settings: Record<string, TPlatformSettings> }): Promise<TPostCheck> {
  const accounts = await findAccountsByIds(o.db, o.auth.opdIds, o.input.accountIds);
  if (accounts.length !== new Set(o.input.accountIds).size) throw new AppError('not_found', { fieldErrors: [{ field: 'accountIds', key: 'account_not_found' }] });
  const check = await checkPost(
    { db: o.db, settings: o.settings, locale: o.auth.locale },
    { accounts, textOf: (id) => o.input.variants?.[id]?.text ?? o.input.text, threadParts: o.input.threadParts, scheduledAt: o.input.scheduledAt ?? null, ...(o.input.postId ? { postId: o.input.postId } : {}) },
  );
  const variants = accounts.flatMap((a) => o.input.variants?.[a.id]?.text ?? []);
  const needs = await approvalNeedsOf(o.db, { opdIds: accounts.map((a) => a.opd_id), texts: textsOfPost({ text: o.input.text, variants, threadParts: o.input.threadParts }) });
  return { ...check, approval: { ...needs, required: approvalGate(o.auth, needs) === 'submit' } };
}
