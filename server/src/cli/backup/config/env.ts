import { resolve } from 'node:path';
import { z } from 'zod';
import { dialectOf, parseEnv, resolveCommonEnv, ZCommonEnv } from '@siar/shared/node';

const ZBackupEnv = ZCommonEnv.extend({
  /** Where `npm run backup` writes its archives. */
  BACKUP_DIR: z.string().min(1).optional(),
  /** Folder holding pg_dump and pg_restore; found under /usr/lib/postgresql or on PATH when unset. */
  SIAR_PG_BIN_DIR: z.string().min(1).optional(),
});

/** The backup and restore commands' settings, parsed once; nothing else reads process.env. */
export function loadBackupConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = parseEnv(ZBackupEnv, env);
  const common = resolveCommonEnv(parsed);
  return {
    dataDir: common.dataDir,
    databaseUrl: common.databaseUrl,
    dialect: dialectOf(common.databaseUrl),
    keyFile: common.keyFile,
    envKey: common.SIAR_ENCRYPTION_KEY,
    backupDir: resolve(parsed.BACKUP_DIR ?? resolve(common.dataDir, 'backups')),
    pgBinDir: parsed.SIAR_PG_BIN_DIR,
    /** Passed on to pg_dump / pg_restore (PATH, locale), with the password added by them. */
    inheritedEnv: env,
  };
}
export type TBackupConfig = ReturnType<typeof loadBackupConfig>;
