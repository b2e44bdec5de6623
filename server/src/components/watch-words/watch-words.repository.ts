import type { Transaction } from 'kysely';
import type { DB, TDatabase, WatchWordTable } from '@siar/shared/node';

type TExecutor = TDatabase | Transaction<DB>;

/** The whole list (tens of words, read on every post save and check: no cache to go stale across servers). */
export async function findWatchWordTexts(db: TExecutor): Promise<string[]> {
  return (await db.selectFrom('watch_word').select('word').orderBy('normalized').execute()).map((r) => r.word);
}

export async function findWatchWordRows(db: TExecutor) {
  return db
    .selectFrom('watch_word')
    .leftJoin('user', 'user.id', 'watch_word.created_by')
    .select(['watch_word.id', 'watch_word.word', 'watch_word.normalized', 'watch_word.created_at', 'user.name as created_by_name'])
    .orderBy('watch_word.normalized')
    .execute();
}
export type TWatchWordRow = Awaited<ReturnType<typeof findWatchWordRows>>[number];

export async function findWatchWordRow(db: TExecutor, id: string) {
  return (await findWatchWordRows(db)).find((r) => r.id === id);
}

export async function watchWordOwner(db: TExecutor, normalized: string): Promise<string | undefined> {
  return (await db.selectFrom('watch_word').select('id').where('normalized', '=', normalized).executeTakeFirst())?.id;
}

export async function insertWatchWord(db: TExecutor, row: WatchWordTable): Promise<void> {
  await db.insertInto('watch_word').values(row).execute();
}

export async function updateWatchWordRow(db: TExecutor, id: string, set: { word: string; normalized: string }): Promise<boolean> {
  const result = await db.updateTable('watch_word').set(set).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteWatchWordRow(db: TExecutor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('watch_word').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
