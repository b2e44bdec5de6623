import type { TDatabase } from '@siar/shared/node';

/**
 * Renews a held lease while its worker is alive. A platform call can outlast the settle window
 * (an Instagram Reel processing, an X video): without this, read-back would start against a
 * live worker and might publish a second copy. A dead worker stops renewing, so read-back still
 * starts one settle window after it died. Answers the function that stops renewing.
 */
export function keepLeaseAlive(db: TDatabase, o: { deliveryId: string; leaseId: string; everyMs: number }): () => void {
  const timer = setInterval(
    () =>
      void db
        .updateTable('delivery')
        .set({ lease_at: new Date().toISOString() })
        .where('id', '=', o.deliveryId)
        .where('lease_id', '=', o.leaseId)
        .where('status', '=', 'publishing')
        .execute()
        .catch(() => undefined),
    Math.max(50, Math.floor(o.everyMs)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
