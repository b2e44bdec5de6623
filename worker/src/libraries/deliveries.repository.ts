import type { TDatabase } from '@siar/shared/node';

/**
 * The claim: one conditional update, committed before any platform call. It succeeds only
 * for a delivery still `scheduled` at the job's revision; a cancelled, edited or already
 * handled delivery updates no row, and the job is stale.
 */
export async function claimDelivery(db: TDatabase, options: { deliveryId: string; revision: number; leaseId: string; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('delivery')
    .set((eb) => ({
      status: 'publishing',
      lease_id: options.leaseId,
      lease_at: options.now.toISOString(),
      attempt: eb('attempt', '+', 1),
      next_attempt_at: null,
      updated_at: options.now.toISOString(),
    }))
    .where('id', '=', options.deliveryId)
    .where('status', '=', 'scheduled')
    .where('revision', '=', options.revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function loadClaimedDelivery(db: TDatabase, deliveryId: string) {
  return db
    .selectFrom('delivery')
    .innerJoin('post', 'post.id', 'delivery.post_id')
    .innerJoin('social_account', 'social_account.id', 'delivery.account_id')
    .select([
      'delivery.id',
      'delivery.post_id',
      'delivery.attempt',
      'delivery.scheduled_at',
      'delivery.text_override',
      'post.text',
      'social_account.id as account_id',
      'social_account.platform',
      'social_account.external_id as account_external_id',
      'social_account.handle',
      'social_account.status as account_status',
      'social_account.credentials',
    ])
    .where('delivery.id', '=', deliveryId)
    .executeTakeFirst();
}
export type TClaimedDelivery = NonNullable<Awaited<ReturnType<typeof loadClaimedDelivery>>>;

/** Every write after the claim is fenced by the lease: a worker that lost it changes nothing. */
function fenced(db: TDatabase, deliveryId: string, leaseId: string) {
  return db.updateTable('delivery').where('id', '=', deliveryId).where('lease_id', '=', leaseId).where('status', '=', 'publishing');
}

export async function markPublished(db: TDatabase, o: { deliveryId: string; leaseId: string; externalId: string; url: string; at: Date }) {
  await fenced(db, o.deliveryId, o.leaseId)
    .set({ status: 'published', external_id: o.externalId, external_url: o.url, published_at: o.at.toISOString(), lease_id: null, lease_at: null, last_error: null, updated_at: o.at.toISOString() })
    .execute();
}

export async function markEnded(db: TDatabase, o: { deliveryId: string; leaseId: string; status: 'failed' | 'unconfirmed'; error: { kind: string; message: string } }) {
  const now = new Date().toISOString();
  await fenced(db, o.deliveryId, o.leaseId)
    .set({ status: o.status, last_error: JSON.stringify(o.error), lease_id: null, lease_at: null, updated_at: now })
    .execute();
}

/** Back to `scheduled` (same revision) so the delayed job can claim it again at `at`. */
export async function releaseForRetry(db: TDatabase, o: { deliveryId: string; leaseId: string; at: Date; error: { kind: string; message: string }; countsAsAttempt: boolean }) {
  await fenced(db, o.deliveryId, o.leaseId)
    .set((eb) => ({
      status: 'scheduled',
      next_attempt_at: o.at.toISOString(),
      last_error: JSON.stringify(o.error),
      lease_id: null,
      lease_at: null,
      attempt: o.countsAsAttempt ? eb.ref('attempt') : eb('attempt', '-', 1),
      updated_at: new Date().toISOString(),
    }))
    .execute();
}

export async function markAccountNeedsReconnect(db: TDatabase, accountId: string) {
  await db.updateTable('social_account').set({ status: 'needs_reconnect', updated_at: new Date().toISOString() }).where('id', '=', accountId).execute();
}
