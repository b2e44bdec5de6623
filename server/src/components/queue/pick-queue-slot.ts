import type { Transaction } from 'kysely';
import { AppError, type TLocale, type TQueueSlot } from '@siar/shared';
import type { DB, TDatabase } from '@siar/shared/node';
import { translate } from '../../libraries/i18n/messages';
import { nextFreeSlot, QUEUE_HORIZON_MS, QUEUE_MIN_LEAD_MS } from './next-free-slot';
import { findHoldingDeliveries, findSlotsOfAccounts, lockAccountRows } from './queue.repository';

interface TPickInput {
  /** The post's accounts, in the order of the request's `accountIds`. */
  accounts: readonly { id: string; handle: string }[];
  now: Date;
  locale: TLocale;
}

/** 400 naming the accounts without any slot, else all of them (no common free slot). */
function noQueueSlot(o: TPickInput, slotsByAccount: ReadonlyMap<string, readonly TQueueSlot[]>): AppError {
  const without = o.accounts.flatMap((a, i) => (slotsByAccount.get(a.id)?.length ? [] : [{ account: a, i }]));
  if (without.length > 0) {
    return new AppError('validation', {
      fieldErrors: without.map(({ account, i }) => ({
        field: `accountIds.${i}`,
        key: 'no_queue_slot',
        message: translate(o.locale, 'validation.no_queue_slots_for_account', { handle: account.handle }),
      })),
    });
  }
  const handles = o.accounts.map((a) => `@${a.handle}`).join(', ');
  return new AppError('validation', {
    fieldErrors: [{ field: 'accountIds', key: 'no_queue_slot', message: translate(o.locale, 'validation.no_queue_slot', { handles }) }],
  });
}

/** The earliest slot instant free for every account (ISO), or a 400 `no_queue_slot`. */
export async function pickQueueSlot(db: TDatabase | Transaction<DB>, o: TPickInput): Promise<string> {
  const ids = o.accounts.map((a) => a.id);
  const slotsByAccount = new Map<string, TQueueSlot[]>(ids.map((id) => [id, []]));
  for (const row of await findSlotsOfAccounts(db, ids)) slotsByAccount.get(row.account_id)?.push({ weekday: row.weekday, time: row.time });
  const holding = await findHoldingDeliveries(db, {
    accountIds: ids,
    after: new Date(o.now.getTime() + QUEUE_MIN_LEAD_MS).toISOString(),
    until: new Date(o.now.getTime() + QUEUE_HORIZON_MS).toISOString(),
  });
  const takenByAccount = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
  for (const d of holding) if (d.scheduled_at) takenByAccount.get(d.account_id)?.add(new Date(d.scheduled_at).toISOString());
  const at = nextFreeSlot({ slotsByAccount, takenByAccount, now: o.now });
  if (!at) throw noQueueSlot(o, slotsByAccount);
  return at.toISOString();
}

/**
 * The same pick under the accounts' locks, inside the transaction that inserts the post: two
 * posts added to the queue at once wait for each other, and the second sees the first's slot taken.
 */
export async function takeQueueSlot(trx: Transaction<DB>, o: TPickInput): Promise<string> {
  await lockAccountRows(
    trx,
    o.accounts.map((a) => a.id),
  );
  return pickQueueSlot(trx, o);
}
