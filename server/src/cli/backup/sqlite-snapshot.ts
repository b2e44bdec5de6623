import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { createDatabase } from '@siar/shared/node';
import { readInventory, type TInventory } from './read-inventory';

export function sqliteFileOf(databaseUrl: string): string {
  return databaseUrl.replace(/^sqlite:/, '');
}

/** The database file to back up; throws when there is none (nothing to back up yet). */
export function existingSqliteFile(databaseUrl: string): string {
  const file = sqliteFileOf(databaseUrl);
  if (file === ':memory:' || !existsSync(file)) throw new Error(`there is no SQLite database at ${file}`);
  return file;
}

/**
 * Copies a live SQLite database with SQLite's online backup API: a consistent snapshot even
 * while the server and worker write (WAL). The first step copies 100 pages, the next the rest
 * in one go, so a busy writer cannot keep restarting it. Then reads the snapshot's inventory.
 */
export async function snapshotSqlite(o: { databaseUrl: string; dest: string }): Promise<TInventory> {
  const source = new Database(existingSqliteFile(o.databaseUrl), { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(o.dest, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
  } finally {
    source.close();
  }
  const snapshot = createDatabase({ url: `sqlite:${o.dest}` });
  try {
    return await readInventory(snapshot);
  } finally {
    await snapshot.destroy();
  }
}
