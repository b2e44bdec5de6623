import { parseArgs } from 'node:util';
import { loadBackupConfig } from './config/env';
import { createBackup } from './create-backup';
import { formatSize } from './format-size';

/**
 * `npm run backup [-- --json]`: writes siar-backup-<UTC>.tar.gz to BACKUP_DIR (default
 * DATA_DIR/backups), prints its path and a one-line summary (`--json`: one JSON object).
 * Exit 0 when the archive is complete; 1 on failure (no partial archive is left); 2 on bad usage.
 */
const USAGE = 'usage: npm run backup [-- --json]';

async function main(): Promise<number> {
  let json: boolean;
  try {
    const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    json = values.json;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const { archive, bytes, manifest: m } = await createBackup(loadBackupConfig());
    const deliveries = Object.values(m.counts.deliveries).reduce((a, b) => a + b, 0);
    if (json) {
      console.log(
        JSON.stringify({
          ok: true,
          archive,
          bytes,
          dialect: m.dialect,
          createdAt: m.createdAt,
          appVersion: m.appVersion,
          files: m.files.length,
          encryptionKeyIds: m.encryptionKeyIds,
          counts: m.counts,
        }),
      );
      return 0;
    }
    const keys = m.encryptionKeyIds.length ? m.encryptionKeyIds.join(', ') : 'none in use';
    console.log(archive);
    console.log(
      `backup complete: ${m.dialect}, ${m.files.length} file(s), ${formatSize(bytes)}; ${m.counts.accounts} account(s), ${m.counts.posts} post(s), ${deliveries} deliveries (${m.counts.deliveries.scheduled ?? 0} scheduled); encryption key id(s): ${keys} — the key is not in the archive: keep it apart`,
    );
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (json) console.log(JSON.stringify({ ok: false, error: message }));
    console.error(`backup failed: ${message}`);
    return 1;
  }
}

process.exit(await main());
