import type { Transaction } from 'kysely';
import { createGroupCommit, flagAccountNeedsReconnect, reusableQuery, UNPUBLISHABLE_POST_STATUSES, type DB, type TDatabase, type TGroupCommit } from '@siar/shared/node';
import { recordDeliveryOutcome, type TKnownDelivery } from './post-events';

type TClaimOptions = { deliveryId: string; revision: number; leaseId: string; now: Date; notBefore?: Date; attempt?: { id: string; number: number } };

/**
 * The claim: one conditional update, committed (with the attempt's row, in one transaction)
 * before any platform call. It succeeds only for a delivery still `scheduled` at the job's
 * revision; a cancelled, edited or already handled delivery updates no row: the job is stale.
 *
 * Claims asked for at the same moment (a burst: up to the worker's concurrency) share one
 * transaction and so one flush to disk: each is still committed before its platform call, and
 * each still succeeds or not on its own row. Should the shared transaction fail, nothing of it
 * was committed and every claim in it is tried again alone.
 */
export async function claimDelivery(db: TDatabase, options: TClaimOptions): Promise<boolean> {
  if (db.isTransaction) return claimInTransaction(db as Transaction<DB>, options);
  let claims = claimCommits.get(db);
  if (!claims) claimCommits.set(db, (claims = createGroupCommit(db)));
  return claims.run(options.deliveryId, (trx) => claimInTransaction(trx, options));
}

const claimCommits = new WeakMap<TDatabase, TGroupCommit>();

async function claimInTransaction(trx: Transaction<DB>, options: TClaimOptions): Promise<boolean> {
  if (!(await claimRow(trx, options))) return false;
  if (options.attempt) await insertAttempt.execute(trx, { id: options.attempt.id, deliveryId: options.deliveryId, number: options.attempt.number, startedAt: options.now.toISOString() });
  return true;
}

const insertAttempt = reusableQuery((db, v: { id: string; deliveryId: string; number: number; startedAt: string }) =>
  db
    .insertInto('delivery_attempt')
    .values({ id: v.id, delivery_id: v.deliveryId, number: v.number, kind: 'publish', started_at: v.startedAt, ended_at: null, outcome: null, error_kind: null, http_status: null, excerpt: null }),
);

type TClaimValues = { deliveryId: string; revision: number; leaseId: string; now: string };
const claimUpdate = (db: TDatabase, v: TClaimValues) =>
  db
    .updateTable('delivery')
    .set((eb) => ({
      status: 'publishing',
      lease_id: v.leaseId,
      lease_at: v.now,
      attempt: eb('attempt', '+', 1),
      next_attempt_at: null,
      updated_at: v.now,
    }))
    .where('id', '=', v.deliveryId)
    .where('status', '=', 'scheduled')
    .where('revision', '=', v.revision)
    // Defence in depth: a post waiting for approval (or expired unapproved) is never claimed.
    .where((eb) => eb.not(eb.exists(eb.selectFrom('post').select('post.id').whereRef('post.id', '=', 'delivery.post_id').where('post.status', 'in', UNPUBLISHABLE_POST_STATUSES))));
const claimAny = reusableQuery((db, v: TClaimValues) => claimUpdate(db, v));
const claimNotBefore = reusableQuery((db, v: TClaimValues & { notBefore: string }) => claimUpdate(db, v).where('scheduled_at', '>=', v.notBefore));

async function claimRow(db: TDatabase, options: { deliveryId: string; revision: number; leaseId: string; now: Date; notBefore?: Date }): Promise<boolean> {
  const values = { deliveryId: options.deliveryId, revision: options.revision, leaseId: options.leaseId, now: options.now.toISOString() };
  const result = options.notBefore ? await claimNotBefore.execute(db, { ...values, notBefore: options.notBefore.toISOString() }) : await claimAny.execute(db, values);
  return Number(result.numAffectedRows ?? 0) === 1;
}

/**
 * A delivery overdue beyond the allowed lateness (after an outage, say) is never published
 * automatically: it becomes `missed` and people decide. Answers whether this one was.
 */
export async function markMissedIfOverdue(db: TDatabase, o: { deliveryId: string; revision: number; cutoff: Date }): Promise<boolean> {
  const result = await db
    .updateTable('delivery')
    .set({ status: 'missed', last_error: JSON.stringify({ kind: 'missed', message: '' }), updated_at: new Date().toISOString() })
    .where('id', '=', o.deliveryId)
    .where('status', '=', 'scheduled')
    .where('revision', '=', o.revision)
    .where('scheduled_at', '<', o.cutoff.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Sweeper: every `scheduled` delivery overdue beyond the cutoff becomes `missed` (index-bounded). */
export async function markOverdueMissed(db: TDatabase, o: { cutoff: Date; limit: number }): Promise<string[]> {
  const rows = await db.selectFrom('delivery').select(['id', 'revision', 'post_id']).where('status', '=', 'scheduled').where('scheduled_at', '<', o.cutoff.toISOString()).orderBy('scheduled_at').limit(o.limit).execute();
  const posts: string[] = [];
  for (const r of rows) if (await markMissedIfOverdue(db, { deliveryId: r.id, revision: r.revision, cutoff: o.cutoff })) posts.push(r.post_id);
  return [...new Set(posts)];
}

/** Deliveries whose worker has held the lease longer than the settle window: dead or stuck. */
export async function findExpiredLeases(db: TDatabase, o: { before: Date; limit: number }) {
  return db.selectFrom('delivery').select(['id', 'lease_id']).where('status', '=', 'publishing').where('lease_at', '<', o.before.toISOString()).orderBy('lease_at').limit(o.limit).execute();
}

/** Takes over an expired lease; only one resolver wins. */
export async function takeOverLease(db: TDatabase, o: { deliveryId: string; oldLeaseId: string; newLeaseId: string; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('delivery')
    .set({ lease_id: o.newLeaseId, lease_at: o.now.toISOString(), updated_at: o.now.toISOString() })
    .where('id', '=', o.deliveryId)
    .where('status', '=', 'publishing')
    .where('lease_id', '=', o.oldLeaseId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Outcome unknown: keep the claim, restart the lease clock, and let read-back decide after the settle window. */
export async function awaitReadBack(db: TDatabase, o: { deliveryId: string; leaseId: string; error: { kind: string; message: string } }) {
  const now = new Date().toISOString();
  await fenced(db, o.deliveryId, o.leaseId).set({ lease_at: now, last_error: JSON.stringify(o.error), updated_at: now }).execute();
}

const loadClaimed = reusableQuery((db, v: { deliveryId: string }) =>
  db
    .selectFrom('delivery')
    .innerJoin('post', 'post.id', 'delivery.post_id')
    .innerJoin('social_account', 'social_account.id', 'delivery.account_id')
    .select([
      'delivery.id',
      'delivery.post_id',
      'post.opd_id',
      'delivery.attempt',
      'delivery.status',
      'delivery.scheduled_at',
      'delivery.revision',
      'delivery.text_override',
      'post.text',
      'post.media_ids',
      'post.thread_parts',
      'social_account.id as account_id',
      'social_account.platform',
      'social_account.external_id as account_external_id',
      'social_account.handle',
      'social_account.status as account_status',
      'social_account.credentials',
    ])
    .where('delivery.id', '=', v.deliveryId),
);

export async function loadClaimedDelivery(db: TDatabase, deliveryId: string) {
  return (await loadClaimed.execute(db, { deliveryId })).rows[0];
}
export type TClaimedDelivery = NonNullable<Awaited<ReturnType<typeof loadClaimedDelivery>>>;

/** Every write after the claim is fenced by the lease: a worker that lost it changes nothing. */
function fenced(db: TDatabase, deliveryId: string, leaseId: string) {
  return db.updateTable('delivery').where('id', '=', deliveryId).where('lease_id', '=', leaseId).where('status', '=', 'publishing');
}

/**
 * The outcome and its audit event (and notifications) commit together, in the caller's
 * transaction when given one; a worker that lost the lease writes and records nothing.
 */
export async function markPublished(db: TDatabase, o: { deliveryId: string; leaseId: string; externalId: string; url: string; at: Date; known?: TKnownDelivery }): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((trx) => markPublished(trx, o));
  const at = o.at.toISOString();
  const result = await publishedUpdate.execute(db, { deliveryId: o.deliveryId, leaseId: o.leaseId, externalId: o.externalId, url: o.url, at });
  if (Number(result.numAffectedRows ?? 0) === 1) await recordDeliveryOutcome(db as Transaction<DB>, { deliveryId: o.deliveryId, status: 'published', url: o.url, known: o.known });
}

const publishedUpdate = reusableQuery((db, v: { deliveryId: string; leaseId: string; externalId: string; url: string; at: string }) =>
  fenced(db, v.deliveryId, v.leaseId).set({ status: 'published', external_id: v.externalId, external_url: v.url, published_at: v.at, lease_id: null, lease_at: null, last_error: null, updated_at: v.at }),
);

export async function markEnded(db: TDatabase, o: { deliveryId: string; leaseId: string; status: 'failed' | 'unconfirmed' | 'missed'; error: { kind: string; message: string } }): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((trx) => markEnded(trx, o));
  const now = new Date().toISOString();
  const result = await fenced(db, o.deliveryId, o.leaseId)
    .set({ status: o.status, last_error: JSON.stringify(o.error), lease_id: null, lease_at: null, updated_at: now })
    .executeTakeFirst();
  // A missed delivery was never attempted too late; it shows on the post, and people decide.
  if (Number(result.numUpdatedRows) === 1 && o.status !== 'missed') await recordDeliveryOutcome(db as Transaction<DB>, { deliveryId: o.deliveryId, status: o.status, error: o.error });
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

/** Also tells the account's OPD's operators and the admins, once per change of status. */
export async function markAccountNeedsReconnect(db: TDatabase, accountId: string) {
  await flagAccountNeedsReconnect(db, accountId);
}

/** The texts a delivery publishes, in order: its own (variant or common) text, then the thread's parts. */
export function textsOf(d: Pick<TClaimedDelivery, 'text' | 'text_override' | 'thread_parts'>): string[] {
  let parts: unknown;
  try {
    parts = JSON.parse(d.thread_parts ?? '[]');
  } catch {
    parts = [];
  }
  return [d.text_override ?? d.text, ...(Array.isArray(parts) ? parts.filter((p): p is string => typeof p === 'string') : [])];
}

export interface TPublishedPart {
  index: number;
  externalId: string;
  url: string;
}

/** A thread's parts already out for this delivery, by index. */
export async function loadPublishedParts(db: TDatabase, deliveryId: string): Promise<TPublishedPart[]> {
  const rows = await db.selectFrom('delivery_part').select(['part_index', 'external_id', 'external_url']).where('delivery_id', '=', deliveryId).orderBy('part_index').execute();
  return rows.map((r) => ({ index: Number(r.part_index), externalId: r.external_id, url: r.external_url }));
}

/**
 * Records one published part at once, before the next is sent, so a crash resumes after it.
 * Fenced by the lease like every write: a worker that lost the delivery records nothing.
 */
export async function savePublishedPart(db: TDatabase, o: { deliveryId: string; leaseId: string; part: TPublishedPart; at: Date }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const held = await trx.selectFrom('delivery').select('id').where('id', '=', o.deliveryId).where('lease_id', '=', o.leaseId).where('status', '=', 'publishing').executeTakeFirst();
    if (!held) return false;
    await trx
      .insertInto('delivery_part')
      .values({ delivery_id: o.deliveryId, part_index: o.part.index, external_id: o.part.externalId, external_url: o.part.url, published_at: o.at.toISOString() })
      .onConflict((oc) => oc.columns(['delivery_id', 'part_index']).doNothing())
      .execute();
    return true;
  });
}
