import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const SERVER_URL = 'http://127.0.0.1:8080';

/**
 * `@siar/shared/node` holds the database, crypto and platform credentials code: it must never
 * reach the browser bundle. Fail the build (and the dev server) loudly if anything imports it.
 */
function forbidSharedNode(): Plugin {
  const message = (what: string, importer: string | undefined) =>
    `[siar] The client must never import server-only code (${what})` +
    `${importer ? `, imported by ${importer}` : ''}. Import from '@siar/shared' instead.`;
  return {
    name: 'siar:forbid-shared-node',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '@siar/shared/node' || source.startsWith('@siar/shared/node/')) {
        throw new Error(message(source, importer));
      }
      return null;
    },
    load(id) {
      // Catches relative paths into shared/src/node that bypass the package specifier.
      if (/[\\/]shared[\\/]src[\\/]node[\\/]/.test(id)) throw new Error(message(id, undefined));
      return null;
    },
  };
}

export default defineConfig({
  plugins: [forbidSharedNode(), react()],
  server: {
    proxy: {
      '/api': { target: SERVER_URL, changeOrigin: false },
      '/healthz': { target: SERVER_URL, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      treeshake: {
        moduleSideEffects: [
          // Shared code is declarations only: a page importing one schema must not get them all.
          { test: /[\\/]shared[\\/]src[\\/]/, sideEffects: false },
          // twitter-text imports ES2015 polyfills every browser Mantine supports already has.
          { test: /[\\/]node_modules[\\/]core-js[\\/]/, sideEffects: false },
        ],
      },
    },
  },
});
