import { closeSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase } from '@siar/shared/node';
import { appVersion } from './app-version';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  MANIFEST_FILE,
  POSTGRES_MEMBER,
  SQLITE_MEMBER,
  type TBackupManifest,
} from './backup-manifest';
import type { TBackupConfig } from './config/env';
import { describeFiles } from './file-digest';
import { dumpPostgres } from './postgres-dump';
import type { TInventory } from './read-inventory';
import { existingSqliteFile, snapshotSqlite } from './sqlite-snapshot';
import { stageDataFiles } from './stage-data-files';
import { packArchive } from './tar-archive';

export interface TBackupResult {
  archive: string;
  bytes: number;
  manifest: TBackupManifest;
}

/** `20250131T235959Z`: sorts by time and is safe in a file name. */
function utcStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

async function snapshotDatabase(config: TBackupConfig, staging: string): Promise<{ member: string; inventory: TInventory }> {
  mkdirSync(join(staging, 'db'));
  if (config.dialect === 'sqlite')
    return {
      member: SQLITE_MEMBER,
      inventory: await snapshotSqlite({ databaseUrl: config.databaseUrl, dest: join(staging, SQLITE_MEMBER) }),
    };
  const db = createDatabase({ url: config.databaseUrl, poolSize: 1 });
  try {
    return {
      member: POSTGRES_MEMBER,
      inventory: await dumpPostgres({
        db,
        databaseUrl: config.databaseUrl,
        dest: join(staging, POSTGRES_MEMBER),
        binDir: config.pgBinDir,
        inheritedEnv: config.inheritedEnv,
      }),
    };
  } finally {
    await db.destroy();
  }
}

/** A name not taken yet: two backups in the same second never overwrite each other. */
function freeArchiveName(dir: string, stamp: string): string {
  for (let n = 1; ; n++) {
    const path = join(dir, `siar-backup-${stamp}${n === 1 ? '' : `-${n}`}.tar.gz`);
    if (!existsSync(path)) return path;
  }
}

/**
 * Snapshot of the database plus media into `siar-backup-<UTC>.tar.gz`, with a manifest of
 * sha256 per file. Written under a temporary name, flushed, then renamed: an archive with
 * the final name is always complete. Safe while Siar runs.
 */
export async function createBackup(config: TBackupConfig, now = new Date()): Promise<TBackupResult> {
  if (config.dialect === 'sqlite') existingSqliteFile(config.databaseUrl);
  mkdirSync(config.backupDir, { recursive: true, mode: 0o700 });
  // Staging sits beside the archives (same disk; /tmp may be too small for media).
  const staging = mkdtempSync(join(config.backupDir, '.staging-'));
  const partial = join(config.backupDir, `.siar-backup-${utcStamp(now)}-${process.pid}.tar.gz.partial`);
  try {
    const { member, inventory } = await snapshotDatabase(config, staging);
    const dataFiles = stageDataFiles({ dataDir: config.dataDir, keyFile: config.keyFile, staging });
    const files = await describeFiles(staging, [member, ...dataFiles]);
    const manifest: TBackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: now.toISOString(),
      appVersion: appVersion(),
      dialect: config.dialect,
      ...inventory,
      files,
    };
    writeFileSync(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    // Created owner-only before tar writes into it: password hashes, session hashes, sealed tokens.
    writeFileSync(partial, '', { mode: 0o600 });
    await packArchive({ dir: staging, members: [MANIFEST_FILE, ...files.map((f) => f.path)], dest: partial });
    const fd = openSync(partial, 'r');
    fsyncSync(fd);
    closeSync(fd);
    const archive = freeArchiveName(config.backupDir, utcStamp(now));
    renameSync(partial, archive);
    return { archive, bytes: statSync(archive).size, manifest };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(partial, { force: true });
  }
}
