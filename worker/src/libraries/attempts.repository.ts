import { randomUUID } from 'node:crypto';
import type { TDatabase } from '@siar/shared/node';

export async function startAttempt(db: TDatabase, o: { deliveryId: string; number: number; kind: 'publish' | 'read_back' }): Promise<string> {
  const id = randomUUID();
  await db.insertInto('delivery_attempt').values({ id, delivery_id: o.deliveryId, number: o.number, kind: o.kind, started_at: new Date().toISOString(), ended_at: null, outcome: null, error_kind: null, http_status: null, excerpt: null }).execute();
  return id;
}

export async function endAttempt(db: TDatabase, id: string, o: { outcome: string; errorKind?: string | undefined; httpStatus?: number | undefined; excerpt?: string | undefined }): Promise<void> {
  await db
    .updateTable('delivery_attempt')
    .set({ ended_at: new Date().toISOString(), outcome: o.outcome, error_kind: o.errorKind ?? null, http_status: o.httpStatus ?? null, excerpt: o.excerpt?.slice(0, 300) ?? null })
    .where('id', '=', id)
    .execute();
}

/** When the latest publish attempt started: a post it made cannot be older than that. */
export async function lastPublishStart(db: TDatabase, deliveryId: string): Promise<Date | undefined> {
  const row = await db.selectFrom('delivery_attempt').select('started_at').where('delivery_id', '=', deliveryId).where('kind', '=', 'publish').orderBy('started_at', 'desc').limit(1).executeTakeFirst();
  return row ? new Date(row.started_at) : undefined;
}

/** An attempt a killed worker left open is closed as interrupted when its lease is resolved. */
export async function closeOpenAttempts(db: TDatabase, deliveryId: string): Promise<void> {
  await db.updateTable('delivery_attempt').set({ ended_at: new Date().toISOString(), outcome: 'interrupted' }).where('delivery_id', '=', deliveryId).where('ended_at', 'is', null).execute();
}
