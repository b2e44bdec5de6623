import { readFileSync } from 'node:fs';
import { z } from 'zod';

const ZPackage = z.object({ version: z.string() });

/** Siar's version, from the root package.json (the one `npm start` runs). */
export function appVersion(): string {
  return ZPackage.parse(JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'))).version;
}
