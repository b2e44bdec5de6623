import { AppError, type TQueueSlots, type TQueueSlotsRequest } from '@siar/shared';
import type { TDatabase, TLogger } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findAccountsByIds } from '../accounts/accounts.repository';
import { getQueueSlots } from './get-queue-slots';
import { lockAccountRows, replaceSlots } from './queue.repository';

/**
 * Replaces an account's weekly set in one transaction, under the account's lock (the one
 * "add to queue" takes), so a concurrent save or pick never sees half a set. Posts already
 * queued keep their times. Supervisors watch: they cannot change the slots.
 */
export async function replaceQueueSlots(o: {
  db: TDatabase;
  logger: TLogger;
  auth: TAuth;
  accountId: string;
  input: TQueueSlotsRequest;
}): Promise<TQueueSlots> {
  const [account] = await findAccountsByIds(o.db, o.auth.opdIds, [o.accountId]);
  if (!account) throw new AppError('not_found');
  if (o.auth.role === 'supervisor') throw new AppError('forbidden');
  const now = new Date().toISOString();
  await o.db.transaction().execute(async (trx) => {
    await lockAccountRows(trx, [account.id]);
    await replaceSlots(trx, account.id, o.input.slots, now);
  });
  o.logger.info({ accountId: account.id, userId: o.auth.userId, slots: o.input.slots.length }, 'queue slots replaced');
  return getQueueSlots({ db: o.db, auth: o.auth, accountId: account.id });
}
