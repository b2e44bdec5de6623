import { AppError, type TPostCheck, type TPostCheckRequest } from '@siar/shared';
import type { TDatabase, TPlatformSettings } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findAccountsByIds } from '../accounts/accounts.repository';
import { checkPost } from './check-post';

/** POST /api/posts/check: what the composer shows while typing (warnings, estimated cost); saves nothing. */
export async function previewPost(o: { db: TDatabase; auth: TAuth; input: TPostCheckRequest; settings: Record<string, TPlatformSettings> }): Promise<TPostCheck> {
  const accounts = await findAccountsByIds(o.db, o.auth.opdIds, o.input.accountIds);
  if (accounts.length !== new Set(o.input.accountIds).size) throw new AppError('not_found', { fieldErrors: [{ field: 'accountIds', key: 'account_not_found' }] });
  return checkPost(
    { db: o.db, settings: o.settings, locale: o.auth.locale },
    { accounts, textOf: (id) => o.input.variants?.[id]?.text ?? o.input.text, threadParts: o.input.threadParts, scheduledAt: o.input.scheduledAt ?? null, ...(o.input.postId ? { postId: o.input.postId } : {}) },
  );
}
