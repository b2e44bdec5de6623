#!/usr/bin/env node
// `npm start` on a fresh clone: installs dependencies when missing, builds the client when
// it is missing or older than its sources, then hands over to the TypeScript launcher.
// Plain JavaScript with no dependencies, because it runs before they are installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Siar needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
  process.exit(1);
}

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const name of readdirSync(path)) if (name !== 'node_modules' && name !== 'dist') max = Math.max(max, newest(join(path, name)));
  return max;
}

function run(label, args) {
  console.log(`[siar] ${label}…`);
  const r = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[siar] ${label} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

const installed = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || newest(join(root, 'package-lock.json')) > newest(installed)) {
  run('installing dependencies', [existsSync(join(root, 'package-lock.json')) ? 'ci' : 'install', '--no-audit', '--no-fund']);
}

const built = join(root, 'client', 'dist', 'index.html');
const sources = Math.max(newest(join(root, 'client')), newest(join(root, 'shared', 'src')));
if (!existsSync(built) || sources > newest(built)) run('building the web client', ['run', 'build', '-w', '@siar/client']);

const { register } = await import('tsx/esm/api');
register();
await import(pathToFileURL(join(root, 'server', 'src', 'launcher', 'main.ts')).href);
