import { PostgresAdapter, sql, type Transaction } from 'kysely';
import type { TDatabase } from '../db/database';
import type { AuditEventTable, DB } from '../db/schema';
import { isoNow } from '../db/time';
import { sanitizeAuditDetails } from './audit-details';
import { AUDIT_GENESIS_HASH, auditEventHash, canonicalJson } from './audit-hash';

export type TAuditExecutor = TDatabase | Transaction<DB>;

export interface TAuditEventInput {
  /** Who did it; null for the system or an anonymous request (a failed login). */
  actorId: string | null;
  /** `<entity>.<verb>`, e.g. `user.created`, `auth.login_failed`. */
  action: string;
  entity: string;
  entityId?: string | null;
  opdId?: string | null;
  /** Ids, names, changed fields: never a secret (see sanitizeAuditDetails). */
  details?: Record<string, unknown>;
}

// Any fixed 64-bit number: every process appending to this database takes the same lock.
const PG_AUDIT_LOCK = 7_340_111_905_311;

/**
 * Serializes appenders across processes until the transaction ends. PostgreSQL: a transaction
 * advisory lock. SQLite: a write statement (it updates nothing, but takes the database's single
 * write lock, which WAL mode gives one connection at a time), so the last row read next is the
 * real last row.
 */
export async function lockAuditChain(trx: Transaction<DB>): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_advisory_xact_lock(${sql.lit(PG_AUDIT_LOCK)})`.execute(trx);
    return;
  }
  await trx
    .updateTable('audit_event')
    .set((eb) => ({ seq: eb.ref('seq') }))
    .where(sql<boolean>`0 = 1`)
    .execute();
}

/**
 * Appends one event to the hash chain: seq = last + 1, prev_hash = the last event's hash.
 * Pass the caller's transaction so the event commits (or rolls back) with the change it records;
 * given the database, it opens a transaction of its own. Appends never fork the chain: they
 * are serialized across processes until commit. Call it as the transaction's last statement
 * (PostgreSQL: no row locks taken after the chain's lock; SQLite: a transaction that read
 * before its first write may find its snapshot stale and fail with SQLITE_BUSY). Where many
 * events are written concurrently (publish outcomes), queueAuditEvent avoids the lock.
 */
export async function appendAuditEvent(db: TAuditExecutor, input: TAuditEventInput): Promise<AuditEventTable> {
  if (!db.isTransaction) return db.transaction().execute((trx) => appendAuditEvent(trx, input));
  await lockAuditChain(db as Transaction<DB>);
  const [event] = await chainEvents(db as Transaction<DB>, [{ at: isoNow(), ...toEventFields(input) }]);
  return event!;
}

export type TUnchainedEvent = Omit<AuditEventTable, 'seq' | 'prev_hash' | 'hash'>;

/** The stored fields of an event (details sanitized and canonical), without time or chain. */
export function toEventFields(input: TAuditEventInput): Omit<TUnchainedEvent, 'at'> {
  return {
    actor_id: input.actorId,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId ?? null,
    opd_id: input.opdId ?? null,
    details: canonicalJson(sanitizeAuditDetails(input.details ?? {})),
  };
}

/** Puts events on the chain in the given order. The caller holds the chain's lock (lockAuditChain). */
export async function chainEvents(trx: Transaction<DB>, events: TUnchainedEvent[]): Promise<AuditEventTable[]> {
  const last = await trx.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let seq = last ? Number(last.seq) : 0;
  let prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  const chained = events.map((e) => {
    const row = { seq: ++seq, ...e, prev_hash: prevHash };
    const event = { ...row, hash: auditEventHash(row) };
    prevHash = event.hash;
    return event;
  });
  // Bounded batches: SQLite allows at most 32,766 bound values in one statement.
  for (let i = 0; i < chained.length; i += 500)
    await trx
      .insertInto('audit_event')
      .values(chained.slice(i, i + 500))
      .execute();
  return chained;
}
