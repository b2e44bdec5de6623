import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'siar-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const SQLITE_MEMBER = 'db/siar.db';
export const POSTGRES_MEMBER = 'db/siar.dump';

/**
 * What an archive may hold. Anything else (the key file, redis/, a path leaving the
 * archive) is refused on both sides, so a crafted archive cannot write outside DATA_DIR.
 */
export function isDataMember(path: string): boolean {
  if (path === SQLITE_MEMBER || path === POSTGRES_MEMBER || path === 'x-emulator.json') return true;
  const parts = path.split('/');
  return parts[0] === 'media' && parts.length > 1 && parts.every((p) => p !== '' && p !== '.' && p !== '..' && !p.includes('\0'));
}

export const ZBackupFile = z.object({
  path: z.string().refine(isDataMember, 'not a file a Siar backup holds'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(0),
});
export type TBackupFile = z.infer<typeof ZBackupFile>;

export const ZBackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  appVersion: z.string(),
  dialect: z.enum(['sqlite', 'postgres']),
  /** Schema migrations applied in the backed-up database (restore migrates the rest). */
  migrations: z.array(z.string()),
  /** Ids of the encryption keys the stored credentials were sealed with: bring these. Never key material. */
  encryptionKeyIds: z.array(z.string()),
  counts: z.object({ accounts: z.number().int(), posts: z.number().int(), deliveries: z.record(z.string(), z.number().int()) }),
  files: z.array(ZBackupFile).min(1),
});
export type TBackupManifest = z.infer<typeof ZBackupManifest>;
