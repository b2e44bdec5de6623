import { createDatabase, migrateToLatest } from '@siar/shared/node';
import { findPendingDeliveries, type TPendingDeliveries } from './find-pending-deliveries';
import { handOverToReadBack } from './hand-over-to-read-back';

/** Brings a restored database to this version's schema (a backup from an older Siar upgrades) and reads what is pending. */
export async function prepareRestoredDatabase(o: {
  url: string;
  backupAt: string;
  now: Date;
}): Promise<{ migrated: string[]; pending: TPendingDeliveries }> {
  const db = createDatabase({ url: o.url, poolSize: 1 });
  try {
    const migrated = await migrateToLatest(db);
    const pending = await findPendingDeliveries(db, { backupAt: o.backupAt, now: o.now });
    await handOverToReadBack(db, pending.dueSinceBackup.map((d) => d.deliveryId));
    return { migrated, pending };
  } finally {
    await db.destroy();
  }
}
