#!/usr/bin/env node
// `npm start`: installs dependencies when missing, builds the client, the server and the
// worker when stale, then hands over to the TypeScript launcher (server/src/launcher/main.ts).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkNodeVersion, ensureClientBuild, ensureDependencies, ensureBundles, root } from './bootstrap.mjs';

checkNodeVersion();
ensureDependencies();
ensureClientBuild();
await ensureBundles();
const { register } = await import('tsx/esm/api');
register();
await import(pathToFileURL(join(root, 'server', 'src', 'launcher', 'main.ts')).href);
