import type { TBackupConfig } from './config/env';
import type { TRestoreResult } from './restore-backup';

const BAR = '!'.repeat(78);

/** The human report of `npm run restore`: what was restored, loud warnings, then the next steps. */
export function printRestoreResult(o: { config: TBackupConfig; archive: string; result: TRestoreResult; warnings: string[] }): void {
  const { config, result } = o;
  const m = result.manifest;
  const p = result.pending;
  const target = config.dialect === 'sqlite' ? config.databaseUrl.replace(/^sqlite:/, '') : 'the PostgreSQL database in DATABASE_URL';
  const media = m.files.filter((f) => f.path.startsWith('media/')).length;
  console.log(`restored ${o.archive} (taken ${m.createdAt} by Siar ${m.appVersion}, ${m.dialect}) into ${target}`);
  console.log(
    `  verified ${m.files.length} file(s) by sha256; schema ${result.migrated.length ? `migrated: ${result.migrated.join(', ')}` : 'already current'}; media: ${media} file(s) in ${config.dataDir}`,
  );
  console.log(
    `  schedule: ${p.upcoming} upcoming, ${p.dueSinceBackup.length} due since the backup, ${p.overdueAtBackup} already overdue at backup time, ${p.publishing} in flight (resolved by read-back, never re-posted blindly)`,
  );
  for (const path of result.movedAside) console.log(`  kept the previous data as ${path}`);
  for (const warning of o.warnings) console.error(`\n${BAR}\n!! WARNING: ${warning}\n${BAR}`);
  const keyStep = m.encryptionKeyIds.length
    ? `Bring the encryption key with id(s) ${m.encryptionKeyIds.join(', ')}: SIAR_ENCRYPTION_KEY="<id>:<base64>" or the key file ${config.keyFile} (mode 0600). Now: ${result.keys.missing.length ? 'NOT present yet' : `present (${result.keys.source})`}.`
    : `No account credentials are stored: any key will do (one is made at first start in ${config.keyFile}).`;
  console.log('\nNext:');
  console.log(`  1. ${keyStep}`);
  console.log('  2. Start Siar with this DATA_DIR / DATABASE_URL: npm start (or npm run start:server and npm run start:worker).');
  console.log(
    "  3. Nothing to do in Redis: the worker's sweeper re-queues every scheduled delivery from the database within SIAR_SWEEP_EVERY_MS.",
  );
}
