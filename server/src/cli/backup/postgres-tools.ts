import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const DEBIAN_BASE = '/usr/lib/postgresql';

/**
 * pg_dump / pg_restore: from SIAR_PG_BIN_DIR, else Debian's newest versioned folder (a newer
 * pg_dump reads older servers; Debian's /usr/bin wrapper may pick an older one), else PATH.
 */
export function pgTool(name: 'pg_dump' | 'pg_restore', binDir: string | undefined): string {
  if (binDir) return join(binDir, name);
  if (existsSync(DEBIAN_BASE)) {
    const versions = readdirSync(DEBIAN_BASE)
      .filter((v) => existsSync(join(DEBIAN_BASE, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(DEBIAN_BASE, versions[0], 'bin', name);
  }
  return name;
}

/** The URL without its password (argv is visible to every local user); the password goes in PGPASSWORD. */
export function pgConnection(databaseUrl: string, inheritedEnv: NodeJS.ProcessEnv): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), env: password ? { ...inheritedEnv, PGPASSWORD: password } : { ...inheritedEnv } };
}
