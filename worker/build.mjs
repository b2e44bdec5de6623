// `npm run build:worker`: bundles the worker's TypeScript (and the shared workspace it uses)
// into worker/dist/main.mjs (shared/bundle.mjs). Run from the bundle, a worker process needs
// about 50 MB less memory than under tsx's loader (measured by `npm run bench -- burst`) and
// starts faster. Builds only when a source is newer than the bundle (`--force` always); prints
// the bundle's path.
import { createBundler, runAsScript } from '../shared/bundle.mjs';

const bundler = createBundler({ entry: 'worker/src/main.ts', outfile: 'worker/dist/main.mjs', sourceDirs: ['worker/src', 'shared/src'] });

export const WORKER_BUNDLE = bundler.outfile;
export const workerBundleIsFresh = bundler.isFresh;
export const buildWorker = bundler.build;

await runAsScript(import.meta.url, bundler);
