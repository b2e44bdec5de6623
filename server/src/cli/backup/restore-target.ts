import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase } from '@siar/shared/node';
import type { TBackupConfig } from './config/env';
import { postgresHasTables } from './postgres-restore';
import { sqliteFileOf } from './sqlite-snapshot';

const SQLITE_COMPANIONS = ['', '-wal', '-shm'];

/** Data already at the restore target: restoring over it needs --force. */
export async function findExistingData(config: TBackupConfig): Promise<string[]> {
  const found: string[] = [];
  if (config.dialect === 'sqlite') {
    const file = sqliteFileOf(config.databaseUrl);
    if (existsSync(file) && statSync(file).size > 0) found.push(file);
  } else {
    const db = createDatabase({ url: config.databaseUrl, poolSize: 1 });
    try {
      if (await postgresHasTables(db)) found.push(`the PostgreSQL database ${new URL(config.databaseUrl).pathname.slice(1)}`);
    } finally {
      await db.destroy();
    }
  }
  const media = join(config.dataDir, 'media');
  if (existsSync(media) && readdirSync(media).length > 0) found.push(media);
  if (existsSync(join(config.dataDir, 'x-emulator.json'))) found.push(join(config.dataDir, 'x-emulator.json'));
  return found;
}

/**
 * With --force, what the restore replaces is renamed `<name>.before-restore-<stamp>` (SQLite
 * with its -wal/-shm, so the old database still opens), never deleted. PostgreSQL is replaced
 * in place by pg_restore --clean.
 */
export function moveAside(config: TBackupConfig, stamp: string): string[] {
  const moved: string[] = [];
  const rename = (path: string, to: string) => {
    if (!existsSync(path)) return;
    renameSync(path, to);
    moved.push(to);
  };
  if (config.dialect === 'sqlite') {
    const file = sqliteFileOf(config.databaseUrl);
    for (const suffix of SQLITE_COMPANIONS) rename(`${file}${suffix}`, `${file}.before-restore-${stamp}${suffix}`);
  }
  for (const name of ['media', 'x-emulator.json'])
    rename(join(config.dataDir, name), join(config.dataDir, `${name}.before-restore-${stamp}`));
  return moved;
}
