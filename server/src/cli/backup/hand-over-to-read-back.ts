import { randomUUID } from 'node:crypto';
import type { TDatabase } from '@siar/shared/node';

/**
 * Deliveries that fell due after the backup may already have been published by the old
 * installation. They are not left `scheduled` (the worker would post them blindly): they get an
 * already-expired lease, so the sweeper's read-back asks the platform first: found → published,
 * absent → published now (or `missed` when too late), cannot tell → `unconfirmed`.
 */
export async function handOverToReadBack(db: TDatabase, deliveryIds: string[]): Promise<number> {
  let moved = 0;
  for (let i = 0; i < deliveryIds.length; i += 500) {
    const result = await db
      .updateTable('delivery')
      .set({ status: 'publishing', lease_id: `restore-${randomUUID()}`, lease_at: new Date(0).toISOString(), updated_at: new Date().toISOString() })
      .where('id', 'in', deliveryIds.slice(i, i + 500))
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    moved += Number(result.numUpdatedRows);
  }
  return moved;
}
