import { randomUUID } from 'node:crypto';
import type { TDatabase } from '../db/database';
import { reusableQuery } from '../db/reusable-query';
import { isoNow } from '../db/time';
import { chainEvents, lockAuditChain, toEventFields, type TAuditEventInput, type TAuditExecutor } from './append-audit-event';

/**
 * The audit trail of the publishing hot path. A publish outcome's event is written, unchained,
 * into `audit_outbox` in the very commit that records the outcome (so it exists exactly when the
 * outcome does), without the chain's cross-process lock or a read of its head: concurrent
 * outcomes no longer queue behind one another. `chainAuditOutbox` then moves waiting events onto
 * the hash chain in batches, one appender at a time (the chain's lock), within about a second
 * (server and workers run it on a timer) and before any read of the trail (audit page, a post's
 * history, the CSV, `npm run audit:verify`). An event keeps the time it happened; its place on
 * the chain is the order in which it was chained.
 */
export async function queueAuditEvent(db: TAuditExecutor, input: TAuditEventInput): Promise<void> {
  const e = toEventFields(input);
  await insertQueued.execute(db, { id: randomUUID(), at: isoNow(), actorId: e.actor_id, action: e.action, entity: e.entity, entityId: e.entity_id, opdId: e.opd_id, details: e.details });
}

const insertQueued = reusableQuery((db, v: { id: string; at: string; actorId: string | null; action: string; entity: string; entityId: string | null; opdId: string | null; details: string }) =>
  db.insertInto('audit_outbox').values({ id: v.id, at: v.at, actor_id: v.actorId, action: v.action, entity: v.entity, entity_id: v.entityId, opd_id: v.opdId, details: v.details }),
);

const BATCH = 500;

/**
 * Chains every event waiting in the outbox, oldest first, a batch per transaction: under the
 * chain's lock, read the batch, append it, delete it from the outbox; so two appenders never
 * chain the same event. Cheap when the outbox is empty (one indexed read, no lock). Answers how
 * many events were chained.
 */
export async function chainAuditOutbox(db: TDatabase): Promise<number> {
  let total = 0;
  for (;;) {
    if (!(await db.selectFrom('audit_outbox').select('id').limit(1).executeTakeFirst())) return total;
    const moved = await db.transaction().execute(async (trx) => {
      await lockAuditChain(trx);
      const waiting = await trx.selectFrom('audit_outbox').selectAll().orderBy('at').orderBy('id').limit(BATCH).execute();
      if (waiting.length === 0) return 0;
      await chainEvents(
        trx,
        waiting.map(({ id: _id, ...event }) => event),
      );
      await trx
        .deleteFrom('audit_outbox')
        .where(
          'id',
          'in',
          waiting.map((e) => e.id),
        )
        .execute();
      return waiting.length;
    });
    total += moved;
    if (moved < BATCH) return total;
  }
}

/**
 * Chains the outbox every `everyMs` until stopped; a failure (database busy, shutting down) is
 * reported and tried again at the next tick.
 */
export function startAuditChainer(db: TDatabase, o: { everyMs: number; onError: (err: unknown) => void }): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= chainAuditOutbox(db)
      .then(() => undefined, o.onError)
      .finally(() => (running = undefined));
  }, o.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
