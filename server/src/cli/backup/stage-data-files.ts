import { copyFileSync, existsSync, linkSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { listRegularFiles } from './file-digest';

/** Files of DATA_DIR besides the database that a restore needs. */
const MEDIA_DIR = 'media';
const EMULATOR_STATE = 'x-emulator.json';

/**
 * Puts the data dir's media and demo emulator state into the staging folder: a hard link when
 * it is on the same disk (media files are written once, so a link is a stable copy for free),
 * else a copy. Never the key file, never redis/ (the queue is rebuilt from the database).
 */
export function stageDataFiles(o: { dataDir: string; keyFile: string; staging: string }): string[] {
  const secret = new Set([resolve(o.keyFile), resolve(o.dataDir, 'siar.key')]);
  const mediaRoot = join(o.dataDir, MEDIA_DIR);
  const media = existsSync(mediaRoot) && statSync(mediaRoot).isDirectory() ? listRegularFiles(o.dataDir, MEDIA_DIR) : [];
  const candidates = [...media, ...(existsSync(join(o.dataDir, EMULATOR_STATE)) ? [EMULATOR_STATE] : [])];
  const staged: string[] = [];
  for (const path of candidates) {
    const source = join(o.dataDir, path);
    if (secret.has(resolve(source))) continue;
    const dest = join(o.staging, path);
    mkdirSync(dirname(dest), { recursive: true });
    // The emulator rewrites its state file: copy it; link only immutable media.
    if (path === EMULATOR_STATE) copyFileSync(source, dest);
    else linkOrCopy(source, dest);
    staged.push(path);
  }
  return staged;
}

function linkOrCopy(source: string, dest: string): void {
  try {
    linkSync(source, dest);
  } catch {
    copyFileSync(source, dest);
  }
}
