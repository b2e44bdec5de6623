// `npm run build:server`: bundles the server's TypeScript (and the shared workspace it uses)
// into server/dist/main.mjs (shared/bundle.mjs), with the files it reads at run time beside it.
// Run from the bundle, a server process needs less memory than under tsx's loader (measured by
// `npm run bench -- api`) and starts faster. Builds only when a source is newer than the bundle
// (`--force` always); prints the bundle's path.
import { createBundler, runAsScript } from '../shared/bundle.mjs';

const bundler = createBundler({
  entry: 'server/src/main.ts',
  outfile: 'server/dist/main.mjs',
  sourceDirs: ['server/src', 'shared/src'],
  // password-policy.ts reads the list beside itself.
  assets: [['server/src/components/auth/common-passwords.txt', 'server/dist/common-passwords.txt']],
});

export const SERVER_BUNDLE = bundler.outfile;
export const serverBundleIsFresh = bundler.isFresh;
export const buildServer = bundler.build;

await runAsScript(import.meta.url, bundler);
