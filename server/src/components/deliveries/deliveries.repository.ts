import type { TDatabase } from '@siar/shared/node';

/** A delivery with what its actions need, when the caller may see it (null scope = all OPDs). */
export async function findDeliveryInScope(db: TDatabase, opdIds: string[] | null, id: string) {
  if (opdIds?.length === 0) return undefined;
  let query = db
    .selectFrom('delivery')
    .innerJoin('post', 'post.id', 'delivery.post_id')
    .innerJoin('social_account', 'social_account.id', 'delivery.account_id')
    .select(['delivery.id', 'delivery.post_id', 'delivery.status', 'delivery.revision', 'social_account.platform'])
    .where('delivery.id', '=', id);
  if (opdIds) query = query.where((eb) => eb.or([eb('post.opd_id', 'in', opdIds), eb('social_account.opd_id', 'in', opdIds)]));
  return query.executeTakeFirst();
}

/** Moves a delivery from one of `from` to a new state; answers whether it did (a race lost = false). */
export async function transitionDelivery(db: TDatabase, o: { id: string; from: string[]; set: Record<string, string | number | null> }): Promise<boolean> {
  const result = await db
    .updateTable('delivery')
    .set({ ...o.set, updated_at: new Date().toISOString() })
    .where('id', '=', o.id)
    .where('status', 'in', o.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
