import { cpSync, existsSync, mkdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Moves a file or folder, copying when it crosses disks (the staging folder is under TMPDIR). */
function move(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    cpSync(from, to, { recursive: true, preserveTimestamps: true });
    rmSync(from, { recursive: true, force: true });
  }
}

/** Puts the verified media and demo emulator state from the staging folder into DATA_DIR. */
export function placeDataFiles(o: { staging: string; dataDir: string }): void {
  mkdirSync(o.dataDir, { recursive: true });
  for (const name of ['media', 'x-emulator.json']) {
    const from = join(o.staging, name);
    if (!existsSync(from)) continue;
    const to = join(o.dataDir, name);
    // Only an empty media folder can be there now (a non-empty one needed --force and was moved aside).
    if (name === 'media' && existsSync(to)) rmdirSync(to);
    move(from, to);
  }
}
