import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TKey, TKeyRing } from './secret-box';

/**
 * Key text: one `<id>:<base64 32 bytes>` per line, the first being current.
 * Comes from SIAR_ENCRYPTION_KEY, else from the key file made at first start (mode 0600).
 */
export function parseKeyText(text: string): TKeyRing {
  const keys = text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line): TKey => {
      const i = line.indexOf(':');
      if (i < 1) throw new Error('encryption key must look like "<id>:<base64 of 32 bytes>"');
      const key = Buffer.from(line.slice(i + 1), 'base64');
      if (key.length !== 32) throw new Error(`encryption key ${line.slice(0, i)} is not 32 bytes`);
      return { id: line.slice(0, i), key };
    });
  const [current, ...previous] = keys;
  if (!current) throw new Error('no encryption key given');
  return { current, previous };
}

export function newKeyLine(id = `k${Date.now().toString(36)}`): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/** Creates the key file on first use; answers whether it was created. */
export function ensureKeyFile(path: string): boolean {
  if (existsSync(path)) return false;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${newKeyLine()}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return true;
}

/**
 * The key ring from SIAR_ENCRYPTION_KEY, or from the key file. A key file is re-read when it
 * changes (npm run rotate-key): running processes meet the new key without a restart.
 */
export function loadKeyRing(options: { envKey?: string | undefined; keyFile: string }): TKeyRing {
  if (options.envKey) return parseKeyText(options.envKey);
  let mtime = statSync(options.keyFile).mtimeMs;
  let ring = parseKeyText(readFileSync(options.keyFile, 'utf8'));
  const reload = () => {
    const now = statSync(options.keyFile).mtimeMs;
    if (now === mtime) return;
    ring = parseKeyText(readFileSync(options.keyFile, 'utf8'));
    mtime = now;
  };
  return {
    get current() {
      return ring.current;
    },
    get previous() {
      return ring.previous;
    },
    reload,
  };
}
