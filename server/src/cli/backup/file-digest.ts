import { createHash } from 'node:crypto';
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TBackupFile } from './backup-manifest';

/** sha256 and size of one file, streamed (media files may be large). */
export async function digestFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    hash.update(chunk);
  }
  return { sha256: hash.digest('hex'), bytes };
}

export async function describeFiles(root: string, paths: string[]): Promise<TBackupFile[]> {
  const files: TBackupFile[] = [];
  for (const path of paths) files.push({ path, ...(await digestFile(join(root, path))) });
  return files;
}

/** Regular files under `dir`, as paths relative to `base`, sorted; other kinds (links, sockets) are left out. */
export function listRegularFiles(base: string, dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(base, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...listRegularFiles(base, rel));
    else if (entry.isFile()) found.push(rel);
  }
  return found.sort();
}
