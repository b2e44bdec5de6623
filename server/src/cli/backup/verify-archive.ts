import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BACKUP_FORMAT_VERSION,
  isDataMember,
  MANIFEST_FILE,
  POSTGRES_MEMBER,
  SQLITE_MEMBER,
  ZBackupManifest,
  type TBackupManifest,
} from './backup-manifest';
import { digestFile, listRegularFiles } from './file-digest';
import { extractArchive, listArchive } from './tar-archive';

/** The archive is not one this version can restore; nothing has been changed. */
export class ArchiveRejectedError extends Error {
  constructor(readonly problems: string[]) {
    super(`refusing to restore: ${problems.join('; ')}`);
    this.name = 'ArchiveRejectedError';
  }
}

const isFolderOfMembers = (path: string) => path === 'db' || path === 'media' || (path.startsWith('media/') && isDataMember(path));

/** Before extracting: only plain files and folders with the names a backup holds (no links, no `..`). */
async function checkListing(archive: string): Promise<void> {
  const entries = await listArchive(archive).catch((err: Error) => {
    throw new ArchiveRejectedError([`the archive is damaged or not a .tar.gz (${err.message})`]);
  });
  const bad = entries.filter(
    (e) => !((e.kind === '-' && (e.path === MANIFEST_FILE || isDataMember(e.path))) || (e.kind === 'd' && isFolderOfMembers(e.path))),
  );
  if (bad.length) throw new ArchiveRejectedError(bad.slice(0, 5).map((e) => `unexpected entry ${JSON.stringify(e.path)} (${e.kind})`));
}

function readManifest(staging: string): TBackupManifest {
  const path = join(staging, MANIFEST_FILE);
  if (!existsSync(path)) throw new ArchiveRejectedError(['manifest.json is missing: this is not a Siar backup']);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new ArchiveRejectedError(['manifest.json is not valid JSON']);
  }
  const parsed = ZBackupManifest.safeParse(json);
  if (!parsed.success) throw new ArchiveRejectedError(parsed.error.issues.map((i) => `manifest.json ${i.path.join('.')}: ${i.message}`));
  if (parsed.data.formatVersion > BACKUP_FORMAT_VERSION)
    throw new ArchiveRejectedError([
      `made by a newer Siar (backup format ${parsed.data.formatVersion}, this version reads up to ${BACKUP_FORMAT_VERSION}): upgrade Siar first`,
    ]);
  return parsed.data;
}

/**
 * Extracts into `staging` (an empty temporary folder) and checks every file against the
 * manifest: same set of files, same size, same sha256. Any difference rejects the archive
 * with every problem named, before anything outside `staging` is touched.
 */
export async function unpackVerified(o: { archive: string; staging: string }): Promise<TBackupManifest> {
  if (!existsSync(o.archive)) throw new ArchiveRejectedError([`there is no file ${o.archive}`]);
  await checkListing(o.archive);
  await extractArchive({ archive: o.archive, dir: o.staging }).catch((err: Error) => {
    throw new ArchiveRejectedError([err.message]);
  });
  const manifest = readManifest(o.staging);
  const problems: string[] = [];
  const expectedDb = manifest.dialect === 'sqlite' ? SQLITE_MEMBER : POSTGRES_MEMBER;
  if (!manifest.files.some((f) => f.path === expectedDb))
    problems.push(`the manifest lists no ${expectedDb} for its ${manifest.dialect} database`);
  const present = new Set(['db', 'media'].flatMap((dir) => (existsSync(join(o.staging, dir)) ? listRegularFiles(o.staging, dir) : [])));
  if (existsSync(join(o.staging, 'x-emulator.json'))) present.add('x-emulator.json');
  for (const file of manifest.files) {
    if (!present.delete(file.path)) {
      problems.push(`${file.path} is listed in the manifest but missing from the archive`);
      continue;
    }
    const actual = await digestFile(join(o.staging, file.path));
    if (actual.bytes !== file.bytes || actual.sha256 !== file.sha256)
      problems.push(
        `${file.path} is corrupt (sha256 ${actual.sha256.slice(0, 12)}…, ${actual.bytes} bytes; the manifest says ${file.sha256.slice(0, 12)}…, ${file.bytes} bytes)`,
      );
  }
  for (const extra of present) problems.push(`${extra} is in the archive but not in the manifest`);
  if (problems.length) throw new ArchiveRejectedError(problems);
  return manifest;
}
