import type { TDatabase } from '@siar/shared/node';

export interface TPendingDeliveries {
  /** `scheduled`, still ahead of now: the sweeper queues them; nothing to check. */
  upcoming: number;
  /** `scheduled`, due between the backup and now: if the old installation kept running, it may have published them. */
  dueSinceBackup: { deliveryId: string; postId: string; scheduledAt: string }[];
  /** `scheduled`, already due when the backup was taken. */
  overdueAtBackup: number;
  /** `publishing` in the backup: resolved by read-back (the platform is asked first), never blindly re-posted. */
  publishing: number;
}

/** What the worker will do with the restored schedule, so the operator can check it first. */
export async function findPendingDeliveries(db: TDatabase, o: { backupAt: string; now: Date }): Promise<TPendingDeliveries> {
  const now = o.now.toISOString();
  const scheduled = await db
    .selectFrom('delivery')
    .select(['id', 'post_id', 'scheduled_at'])
    .where('status', '=', 'scheduled')
    .orderBy('scheduled_at')
    .execute();
  const publishing = await db
    .selectFrom('delivery')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', '=', 'publishing')
    .executeTakeFirstOrThrow();
  const at = (d: { scheduled_at: string | null }) => d.scheduled_at ?? '';
  return {
    upcoming: scheduled.filter((d) => at(d) > now).length,
    dueSinceBackup: scheduled
      .filter((d) => at(d) > o.backupAt && at(d) <= now)
      .map((d) => ({ deliveryId: d.id, postId: d.post_id, scheduledAt: at(d) })),
    overdueAtBackup: scheduled.filter((d) => at(d) <= o.backupAt).length,
    publishing: Number(publishing.n),
  };
}
