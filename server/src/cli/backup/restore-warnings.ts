import type { TRestoreResult } from './restore-backup';

/** Things the operator must act on before starting Siar on the restored data. */
export function restoreWarnings(r: TRestoreResult): string[] {
  const warnings: string[] = [];
  const { keys, pending } = r;
  if (keys.missing.length) {
    const found = keys.problem
      ? `cannot be read (${keys.problem})`
      : keys.present.length
        ? `holds key id(s) ${keys.present.join(', ')} only`
        : 'is not there';
    warnings.push(
      `ENCRYPTION KEY MISSING: the restored account credentials were sealed with key id(s) ${keys.missing.join(', ')}, and the key at ${keys.source} ${found}. ` +
        'Those accounts cannot publish until you bring that key: do not start the worker before.',
    );
  }
  if (pending.dueSinceBackup.length) {
    const ids = pending.dueSinceBackup.slice(0, 10).map((d) => `${d.deliveryId} (post ${d.postId}, ${d.scheduledAt})`);
    warnings.push(
      `${pending.dueSinceBackup.length} deliveries fell due after this backup was taken (${r.manifest.createdAt}); the old installation may have published them. ` +
        `They are handed to read-back: the worker first looks for each on its account and publishes only those provably absent (or marks them missed when too late, unconfirmed when it cannot tell). ${ids.join('; ')}${pending.dueSinceBackup.length > 10 ? '; …' : ''}`,
    );
  }
  return warnings;
}
