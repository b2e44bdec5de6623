import type { MediaTable, TDatabase } from '@siar/shared/node';

export async function insertMedia(db: TDatabase, row: MediaTable): Promise<void> {
  await db.insertInto('media').values(row).execute();
}

/** A media row within a scope (null = every OPD); outside it, as if it did not exist. */
export async function findMediaById(db: TDatabase, opdIds: string[] | null, id: string): Promise<MediaTable | undefined> {
  if (opdIds?.length === 0) return undefined;
  let query = db.selectFrom('media').selectAll().where('id', '=', id);
  if (opdIds) query = query.where('opd_id', 'in', opdIds);
  return query.executeTakeFirst();
}

export async function opdExists(db: TDatabase, id: string): Promise<boolean> {
  return (await db.selectFrom('opd').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function updateMediaAltText(db: TDatabase, id: string, altText: string | null): Promise<void> {
  await db.updateTable('media').set({ alt_text: altText }).where('id', '=', id).execute();
}
