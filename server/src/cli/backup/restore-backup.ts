import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { POSTGRES_MEMBER, SQLITE_MEMBER, type TBackupManifest } from './backup-manifest';
import { checkEncryptionKeys, type TKeyCheck } from './check-encryption-keys';
import type { TBackupConfig } from './config/env';
import type { TPendingDeliveries } from './find-pending-deliveries';
import { placeDataFiles } from './place-data-files';
import { restorePostgres } from './postgres-restore';
import { prepareRestoredDatabase } from './prepare-restored-database';
import { findExistingData, moveAside } from './restore-target';
import { sqliteFileOf } from './sqlite-snapshot';
import { unpackVerified } from './verify-archive';

/** The restore was not started (target not empty, wrong dialect, unreachable); nothing has been changed. */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

export interface TRestoreResult {
  manifest: TBackupManifest;
  movedAside: string[];
  migrated: string[];
  keys: TKeyCheck;
  pending: TPendingDeliveries;
}

type TRestoredDatabase = { migrated: string[]; pending: TPendingDeliveries; movedAside: string[] };

/**
 * SQLite: the verified copy is migrated beside the target under a temporary name, then
 * renamed over it, so a failed migration leaves the target as it was.
 */
async function restoreSqlite(
  config: TBackupConfig,
  staging: string,
  manifest: TBackupManifest,
  o: { force: boolean; stamp: string; now: Date },
): Promise<TRestoredDatabase> {
  const file = sqliteFileOf(config.databaseUrl);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.restoring-${o.stamp}`;
  copyFileSync(join(staging, SQLITE_MEMBER), temp);
  let prepared;
  try {
    prepared = await prepareRestoredDatabase({ url: `sqlite:${temp}`, backupAt: manifest.createdAt, now: o.now });
  } catch (err) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
    throw err;
  }
  const movedAside = o.force ? moveAside(config, o.stamp) : [];
  renameSync(temp, file);
  // A clean close leaves no -wal; should one remain, it belongs to the restored file.
  if (existsSync(`${temp}-wal`)) renameSync(`${temp}-wal`, `${file}-wal`);
  rmSync(`${temp}-shm`, { force: true });
  return { ...prepared, movedAside };
}

/** PostgreSQL: pg_restore replaces the dump's objects in one transaction, then migrations run. */
async function restorePostgresDatabase(
  config: TBackupConfig,
  staging: string,
  manifest: TBackupManifest,
  o: { force: boolean; stamp: string; now: Date },
): Promise<TRestoredDatabase> {
  await restorePostgres({
    databaseUrl: config.databaseUrl,
    dump: join(staging, POSTGRES_MEMBER),
    binDir: config.pgBinDir,
    inheritedEnv: config.inheritedEnv,
  });
  const prepared = await prepareRestoredDatabase({ url: config.databaseUrl, backupAt: manifest.createdAt, now: o.now });
  return { ...prepared, movedAside: o.force ? moveAside(config, o.stamp) : [] };
}

/**
 * Restores a `npm run backup` archive into the configured DATA_DIR / DATABASE_URL. Every
 * check comes first (sha256 of every file, dialect, existing data, reachable database);
 * until they all pass nothing outside a temporary folder is written.
 */
export async function restoreBackup(o: { config: TBackupConfig; archive: string; force: boolean; now?: Date }): Promise<TRestoreResult> {
  const { config } = o;
  const now = o.now ?? new Date();
  const staging = mkdtempSync(join(tmpdir(), 'siar-restore-'));
  try {
    const manifest = await unpackVerified({ archive: o.archive, staging });
    if (manifest.dialect !== config.dialect)
      throw new RestoreRefusedError(
        `this backup holds a ${manifest.dialect} database but DATABASE_URL points to ${config.dialect}: restore into the same kind of database`,
      );
    const existing = await findExistingData(config).catch((err: Error) => {
      throw new RestoreRefusedError(`cannot open the target database (${err.message}); for PostgreSQL, create the empty database first`);
    });
    if (existing.length && !o.force)
      throw new RestoreRefusedError(
        `the target already holds data: ${existing.join(', ')}. Stop Siar and run again with --force to replace it (SQLite and media are kept as *.before-restore-<time>)`,
      );
    const keys = checkEncryptionKeys({ envKey: config.envKey, keyFile: config.keyFile, needed: manifest.encryptionKeyIds });
    const options = { force: o.force, stamp: now.toISOString().replace(/[-:.]/g, ''), now };
    const restored =
      config.dialect === 'sqlite'
        ? await restoreSqlite(config, staging, manifest, options)
        : await restorePostgresDatabase(config, staging, manifest, options);
    placeDataFiles({ staging, dataDir: config.dataDir });
    return { manifest, keys, ...restored };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
