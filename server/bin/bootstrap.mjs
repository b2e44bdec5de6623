// Shared by `npm start` and `npm test`: dependencies and the client build, on a fresh clone.
// Plain JavaScript with no dependencies, because it runs before they are installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function checkNodeVersion() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Siar needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
    process.exit(1);
  }
}

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const name of readdirSync(path)) if (name !== 'node_modules' && name !== 'dist') max = Math.max(max, newest(join(path, name)));
  return max;
}

export function run(label, command, args) {
  console.log(`[siar] ${label}…`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[siar] ${label} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

/** Installs dependencies when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (!existsSync(installed) || newest(lock) > newest(installed)) {
    run('installing dependencies', 'npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund']);
  }
}

/** The server's and the worker's bundles (server/dist, worker/dist), rebuilt when their sources are newer. */
export async function ensureBundles() {
  const { buildServer, serverBundleIsFresh } = await import(pathToFileURL(join(root, 'server', 'build.mjs')).href);
  const { buildWorker, workerBundleIsFresh } = await import(pathToFileURL(join(root, 'worker', 'build.mjs')).href);
  if (!serverBundleIsFresh()) {
    console.log('[siar] building the server…');
    await buildServer({ force: true });
  }
  if (!workerBundleIsFresh()) {
    console.log('[siar] building the worker…');
    await buildWorker({ force: true });
  }
}

/** Builds the client when it is missing or older than its sources. */
export function ensureClientBuild() {
  const built = join(root, 'client', 'dist', 'index.html');
  const sources = Math.max(newest(join(root, 'client')), newest(join(root, 'shared', 'src')));
  if (!existsSync(built) || sources > newest(built)) run('building the web client', 'npm', ['run', 'build', '-w', '@siar/client']);
}
