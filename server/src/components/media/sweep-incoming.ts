import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** An upload still streaming is minutes old at most; a part older than this was abandoned. */
export const INCOMING_MAX_AGE_MS = 60 * 60_000;

/**
 * Removes upload parts left in `<mediaDir>/.incoming` by a server that stopped mid-upload
 * (a finished or refused upload removes its own). Answers how many were removed.
 */
export async function sweepIncomingUploads(mediaDir: string, now = Date.now(), maxAgeMs = INCOMING_MAX_AGE_MS): Promise<number> {
  const dir = join(mediaDir, '.incoming');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.endsWith('.part')) continue;
    const path = join(dir, name);
    try {
      if (now - (await stat(path)).mtimeMs < maxAgeMs) continue;
      await rm(path, { force: true });
      removed++;
    } catch {
      // Gone meanwhile (its upload finished): nothing to do.
    }
  }
  return removed;
}
