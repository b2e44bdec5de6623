import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBackupConfig } from './config/env';
import { printRestoreResult } from './print-restore-result';
import { restoreBackup, RestoreRefusedError } from './restore-backup';
import { restoreWarnings } from './restore-warnings';
import { ArchiveRejectedError } from './verify-archive';

/**
 * `npm run restore -- <archive> [--force] [--json]`: verifies the archive, restores it into
 * DATA_DIR / DATABASE_URL, migrates, and says what to do next. Exit 0 when restored (warnings
 * included), 1 when refused or failed (a refusal changes nothing), 2 on bad usage.
 */
const USAGE = 'usage: npm run restore -- <siar-backup-….tar.gz> [--force] [--json]';

async function main(): Promise<number> {
  let args: { archive: string; force: boolean; json: boolean };
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        force: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new Error('give exactly one archive');
    args = { archive: resolve(positionals[0]!), force: values.force, json: values.json };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const config = loadBackupConfig();
    const result = await restoreBackup({ config, archive: args.archive, force: args.force });
    const warnings = restoreWarnings(result);
    if (args.json)
      console.log(
        JSON.stringify({
          ok: true,
          archive: args.archive,
          createdAt: result.manifest.createdAt,
          dialect: result.manifest.dialect,
          files: result.manifest.files.length,
          migrated: result.migrated,
          movedAside: result.movedAside,
          encryptionKeyIds: result.manifest.encryptionKeyIds,
          keys: result.keys,
          pending: result.pending,
          warnings,
        }),
      );
    else printRestoreResult({ config, archive: args.archive, result, warnings });
    return 0;
  } catch (err) {
    const problems = err instanceof ArchiveRejectedError ? err.problems : [err instanceof Error ? err.message : String(err)];
    if (args.json) console.log(JSON.stringify({ ok: false, problems }));
    if (err instanceof ArchiveRejectedError || err instanceof RestoreRefusedError)
      console.error(`refusing to restore ${args.archive}; nothing was changed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    else console.error(`restore failed: ${problems[0]}`);
    return 1;
  }
}

process.exit(await main());
