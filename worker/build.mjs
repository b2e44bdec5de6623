// `npm run build:worker`: bundles the worker's TypeScript (and the shared workspace it uses)
// into worker/dist/main.mjs with esbuild; packages from node_modules stay imports. Run from a
// bundle, a worker process needs about 50 MB less memory than under tsx's loader (measured by
// `npm run bench -- burst`) and starts faster. Builds only when a source is newer than the
// bundle (`--force` always); prints the bundle's path.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WORKER_BUNDLE = join(root, 'worker', 'dist', 'main.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function workerBundleIsFresh() {
  if (!existsSync(WORKER_BUNDLE)) return false;
  const sources = Math.max(...['worker/src', 'shared/src'].map((d) => newestSource(join(root, d))), statSync(join(root, 'package-lock.json')).mtimeMs);
  return statSync(WORKER_BUNDLE).mtimeMs >= sources;
}

export async function buildWorker({ force = false } = {}) {
  if (!force && workerBundleIsFresh()) return WORKER_BUNDLE;
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['worker/src/main.ts'],
    outfile: WORKER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Stack traces name the TypeScript files and lines (node --enable-source-maps).
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    write: false,
    plugins: [
      {
        // Our workspaces are bundled; every other package is imported from node_modules at run time.
        name: 'packages-stay-imports',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@siar/') ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  // Each file written beside and renamed over: a worker starting meanwhile (or a second build,
  // two `npm start` at once) never reads half a file.
  mkdirSync(dirname(WORKER_BUNDLE), { recursive: true });
  for (const file of result.outputFiles) {
    const partial = `${file.path}.${process.pid}.partial`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
  return WORKER_BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await buildWorker({ force: process.argv.includes('--force') }));
}
