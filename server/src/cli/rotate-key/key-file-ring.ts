import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { newKeyLine, parseKeyText, type TKeyRing } from '@siar/shared/node';

export function readKeyFile(path: string): TKeyRing {
  return parseKeyText(readFileSync(path, 'utf8'));
}

function lineOf(key: { id: string; key: Buffer }): string {
  return `${key.id}:${key.key.toString('base64')}`;
}

/** Writes the ring atomically (temp file, fsync'd by the rename's directory, mode 0600). */
export function writeKeyFile(path: string, ring: TKeyRing): void {
  const text = `${[ring.current, ...ring.previous].map(lineOf).join('\n')}\n`;
  writeFileSync(`${path}.tmp`, text, { mode: 0o600, flush: true });
  chmodSync(`${path}.tmp`, 0o600);
  renameSync(`${path}.tmp`, path);
}

/** A new current key in front of the old ones (which stay until nothing is sealed under them). */
export function withNewKey(ring: TKeyRing): TKeyRing {
  return { current: parseKeyText(newKeyLine()).current, previous: [ring.current, ...ring.previous] };
}
