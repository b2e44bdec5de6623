import { AppError, type TQueueSlots } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findAccountsByIds } from '../accounts/accounts.repository';
import { QUEUE_TIMEZONE } from './next-free-slot';
import { findSlotsOfAccounts } from './queue.repository';

/** An account's weekly posting times; an account outside the caller's OPDs answers 404. */
export async function getQueueSlots(o: { db: TDatabase; auth: TAuth; accountId: string }): Promise<TQueueSlots> {
  const [account] = await findAccountsByIds(o.db, o.auth.opdIds, [o.accountId]);
  if (!account) throw new AppError('not_found');
  const rows = await findSlotsOfAccounts(o.db, [account.id]);
  return { accountId: account.id, timezone: QUEUE_TIMEZONE, slots: rows.map((r) => ({ weekday: r.weekday, time: r.time })) };
}
