import { existsSync } from 'node:fs';
import { loadKeyRing } from '@siar/shared/node';

export interface TKeyCheck {
  /** Where the key was looked for: the variable, or the key file's path. */
  source: string;
  /** Ids of the keys found there (never the key material). */
  present: string[];
  /** Ids the backup's credentials need that the key found here lacks. */
  missing: string[];
  /** Why the key could not be read, when it exists but is malformed. */
  problem?: string;
}

/** Compares the key this installation would use with the key ids the backup names. */
export function checkEncryptionKeys(o: { envKey: string | undefined; keyFile: string; needed: string[] }): TKeyCheck {
  const source = o.envKey ? 'SIAR_ENCRYPTION_KEY' : o.keyFile;
  if (!o.envKey && !existsSync(o.keyFile)) return { source, present: [], missing: [...o.needed] };
  try {
    const ring = loadKeyRing({ envKey: o.envKey, keyFile: o.keyFile });
    const present = [ring.current, ...ring.previous].map((k) => k.id);
    return { source, present, missing: o.needed.filter((id) => !present.includes(id)) };
  } catch (err) {
    return { source, present: [], missing: [...o.needed], problem: err instanceof Error ? err.message : String(err) };
  }
}
