import { runCommand, runCommandOrThrow } from './run-command';

/** GNU tar from the system: streams any size, and gzip comes with it. */
const TAR = 'tar';

/**
 * Packs exactly `members` (paths relative to `dir`, no recursion) into a .tar.gz. The list goes
 * in on stdin, NUL-separated and verbatim, so no name is read as an option and any count fits.
 */
export async function packArchive(o: { dir: string; members: string[]; dest: string }): Promise<void> {
  const args = [
    '--create',
    '--gzip',
    `--file=${o.dest}`,
    `--directory=${o.dir}`,
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '--no-recursion',
    '--null',
    '--verbatim-files-from',
    '--files-from=-',
  ];
  await runCommandOrThrow(TAR, args, { input: o.members.map((m) => `${m}\0`).join('') });
}

export interface TArchiveEntry {
  path: string;
  /** First letter of `tar -tv`: `-` file, `d` directory, `l` symlink, `h` hard link, … */
  kind: string;
}

/** Lists an archive without extracting it; a damaged archive throws with tar's reason. */
export async function listArchive(archive: string): Promise<TArchiveEntry[]> {
  const names = (await runCommandOrThrow(TAR, ['--list', '--gzip', `--file=${archive}`, '--quoting-style=escape']))
    .split('\n')
    .filter(Boolean);
  const long = (await runCommandOrThrow(TAR, ['--list', '--verbose', '--gzip', `--file=${archive}`, '--quoting-style=escape']))
    .split('\n')
    .filter(Boolean);
  if (names.length !== long.length) throw new Error('tar listed the archive inconsistently');
  return names.map((path, i) => ({ path: path.replace(/\/$/, ''), kind: long[i]!.charAt(0) }));
}

/** Extracts into an empty folder; owners are not restored (files belong to whoever restores). */
export async function extractArchive(o: { archive: string; dir: string }): Promise<void> {
  const result = await runCommand(TAR, ['--extract', '--gzip', `--file=${o.archive}`, `--directory=${o.dir}`, '--no-same-owner']);
  if (result.code !== 0) throw new Error(`the archive cannot be read: ${result.stderr.trim()}`);
}
