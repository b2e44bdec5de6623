import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { TQueueSlot } from '@siar/shared';
import type { DB, TDatabase } from '@siar/shared/node';

type TExecutor = TDatabase | Transaction<DB>;

/**
 * Deliveries in these states hold their instant: a queued post never lands on them. A post
 * waiting for approval holds its time too (its deliveries stay drafts until it is approved).
 */
export const SLOT_HOLDING_STATUSES = ['scheduled', 'publishing', 'published'];

/**
 * Takes the accounts' row locks, in id order, until the transaction ends: a write, like
 * lockPostRow. PostgreSQL holds the rows' update lock (two pickers for one account wait for
 * each other, and a fixed order cannot deadlock; inserting a delivery for the account is not
 * blocked); SQLite takes its single write lock here, before anything is read.
 */
export async function lockAccountRows(trx: Transaction<DB>, accountIds: readonly string[]): Promise<void> {
  for (const id of [...accountIds].sort()) {
    await trx
      .updateTable('social_account')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', id)
      .execute();
  }
}

export async function findSlotsOfAccounts(db: TExecutor, accountIds: readonly string[]) {
  if (accountIds.length === 0) return [];
  return db
    .selectFrom('queue_slot')
    .select(['account_id', 'weekday', 'time'])
    .where('account_id', 'in', accountIds)
    .orderBy('account_id')
    .orderBy('weekday')
    .orderBy('time')
    .execute();
}

/** Replaces an account's weekly set; call inside a transaction that holds the account's lock. */
export async function replaceSlots(trx: Transaction<DB>, accountId: string, slots: readonly TQueueSlot[], now: string): Promise<void> {
  await trx.deleteFrom('queue_slot').where('account_id', '=', accountId).execute();
  if (slots.length === 0) return;
  await trx
    .insertInto('queue_slot')
    .values(slots.map((s) => ({ id: randomUUID(), account_id: accountId, weekday: s.weekday, time: s.time, created_at: now })))
    .execute();
}

/** The accounts' deliveries that hold an instant in (after, until], with their posts. */
export async function findHoldingDeliveries(db: TExecutor, o: { accountIds: readonly string[]; after: string; until: string }) {
  if (o.accountIds.length === 0) return [];
  return db
    .selectFrom('delivery')
    .innerJoin('post', 'post.id', 'delivery.post_id')
    .select([
      'delivery.account_id',
      'delivery.scheduled_at',
      'delivery.status as delivery_status',
      'delivery.text_override',
      'post.id as post_id',
      'post.status as post_status',
      'post.text',
    ])
    .where('delivery.account_id', 'in', o.accountIds)
    .where((eb) => eb.or([eb('delivery.status', 'in', SLOT_HOLDING_STATUSES), eb.and([eb('delivery.status', '=', 'draft'), eb('post.status', '=', 'pending_approval')])]))
    .where('delivery.scheduled_at', '>', o.after)
    .where('delivery.scheduled_at', '<=', o.until)
    .orderBy('delivery.scheduled_at')
    .orderBy('post.created_at')
    .execute();
}

export type THoldingDelivery = Awaited<ReturnType<typeof findHoldingDeliveries>>[number];
