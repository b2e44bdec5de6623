import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, ensureKeyFile, loadKeyRing, migrateToLatest } from '@siar/shared/node';
import { randomBytes } from 'node:crypto';
import { seedDemo, seedDemoMetaAccounts } from '../seed/demo-seed';
import { ensureAdmin } from '../seed/ensure-admin';
import { loadLauncherConfig } from './config/env';
import { startDemoMetaEmulator } from './demo-meta-emulator';
import { startDemoXEmulator } from './demo-x-emulator';
import { isPortFree } from './free-port';
import { startPrivateRedis } from './private-redis';
import { SupervisedProcess } from './supervised-process';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const log = (m: string) => console.log(`[siar] ${m}`);
const children: SupervisedProcess[] = [];
let redis: SupervisedProcess | undefined;
let shuttingDown = false;

async function shutdown(code: number): Promise<never> {
  if (shuttingDown) return new Promise(() => undefined);
  shuttingDown = true;
  log('stopping…');
  for (const c of [...children, redis]) c?.halt();
  // Server and worker first (the worker finishes jobs in flight), Redis last.
  await Promise.all(children.map((c) => c.stop(30_000)));
  await redis?.stop(10_000);
  log('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function main() {
  const config = loadLauncherConfig();
  mkdirSync(config.dataDir, { recursive: true });
  if (!config.SIAR_ENCRYPTION_KEY && ensureKeyFile(config.keyFile)) log(`created the encryption key file ${config.keyFile} (mode 0600): back it up apart from the data`);
  const ring = loadKeyRing({ envKey: config.SIAR_ENCRYPTION_KEY, keyFile: config.keyFile });

  let redisUrl = config.externalRedisUrl;
  if (config.REDIS_SENTINELS) log(`Redis through Sentinel (${config.REDIS_SENTINELS.length} sentinels, group ${config.REDIS_SENTINEL_NAME ?? 'mymaster'})`);
  else if (!redisUrl) {
    const started = await startPrivateRedis({ dataDir: config.dataDir, bin: config.redisServerBin, log, env: config.inheritedEnv });
    redis = started.process;
    redisUrl = started.url;
    log(`private redis-server at ${redisUrl} (data in ${join(config.dataDir, 'redis')})`);
  }

  const db = createDatabase({ url: config.databaseUrl });
  const applied = await migrateToLatest(db);
  if (applied.length) log(`database migrated: ${applied.join(', ')}`);
  // Demo mode seeds the demo regency; otherwise an empty database gets only its admin.
  let logins = config.demo ? await seedDemo({ db, ring, adminPassword: config.adminPassword }) : undefined;
  if (config.demo && (await seedDemoMetaAccounts({ db, ring })) > 0) log('demo Facebook Pages and Instagram accounts added');
  if (!config.demo) {
    const password = config.adminPassword ?? randomBytes(12).toString('base64url');
    if (await ensureAdmin(db, password)) logins = [{ username: 'admin', role: 'admin', password }];
  }

  const env: NodeJS.ProcessEnv = { ...config.inheritedEnv, DATA_DIR: config.dataDir, DATABASE_URL: config.databaseUrl, ...(redisUrl ? { REDIS_URL: redisUrl } : {}), PORT: String(config.port), SIAR_DEMO: config.demo ? '1' : '0' };
  if (config.demo) {
    const emulator = await startDemoXEmulator({ root, dataDir: config.dataDir, preferredPort: config.emulatorPort, appPort: config.port, db, ring, log, env: config.inheritedEnv });
    children.push(emulator.process);
    Object.assign(env, { X_API_BASE_URL: emulator.url, X_WEB_BASE_URL: emulator.url, X_AUTHORIZE_BASE_URL: emulator.url, X_CLIENT_ID: emulator.clientId });
    log(`demo mode: X emulator at ${emulator.url}`);
    const metaPort = Number(config.inheritedEnv.META_EMULATOR_PORT) || Math.min(config.port + 3, 65535);
    const meta = await startDemoMetaEmulator({ root, dataDir: config.dataDir, preferredPort: metaPort, appPort: config.port, db, ring, log, env: config.inheritedEnv });
    children.push(meta.process);
    Object.assign(env, { META_API_BASE_URL: meta.url, META_WEB_BASE_URL: meta.url, INSTAGRAM_WEB_BASE_URL: meta.url, META_APP_ID: meta.appId, META_APP_SECRET: meta.appSecret, META_CONTAINER_POLL_MS: '300' });
    log(`demo mode: Meta emulator at ${meta.url}`);
  }
  await db.destroy();
  if (!config.inheritedEnv.SIAR_WORKER_METRICS_PORT && config.port < 65534 && (await isPortFree(config.port + 2, '0.0.0.0'))) {
    env.SIAR_WORKER_METRICS_PORT = String(config.port + 2);
  }

  // The server and the worker run from their bundles (about 50 MB less memory each than under
  // tsx), which server/bin/start.mjs brought up to date before handing over.
  for (const [name, args] of [
    ['server', ['--enable-source-maps', join(root, 'server/dist/main.mjs')]],
    ['worker', ['--enable-source-maps', join(root, 'worker/dist/main.mjs')]],
  ] as const) {
    // The Meta emulator fetches media from the worker's signed links, on this machine in demo mode.
    const childEnv = name === 'worker' && config.demo && !env.PUBLIC_BASE_URL ? { ...env, PUBLIC_BASE_URL: `http://127.0.0.1:${config.port}` } : env;
    const child = new SupervisedProcess({ name, command: process.execPath, args: [...args], env: childEnv, cwd: root, log });
    child.start();
    children.push(child);
  }

  const url = `http://localhost:${config.port}`;
  for (let i = 0; ; i++) {
    if (shuttingDown) return;
    try {
      if ((await fetch(`http://127.0.0.1:${config.port}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 600) throw new Error('the server did not become healthy within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const lines = [``, `  Siar is ready: ${url}`, config.demo ? `  Demo mode: posts go to the local X and Meta emulators, not to X, Facebook or Instagram.` : ''];
  if (env.SIAR_WORKER_METRICS_PORT) lines.push(`  Metrics: ${url}/metrics (server), http://localhost:${env.SIAR_WORKER_METRICS_PORT}/metrics (worker)`);
  if (logins) {
    lines.push(`  Logins created now (shown only this once; keep them):`);
    for (const l of logins) {
      const password = l.username === 'admin' && config.adminPassword ? '(SIAR_ADMIN_PASSWORD)' : l.password;
      lines.push(`    ${l.username.padEnd(20)} ${password.padEnd(24)} (${l.role})`);
    }
  } else {
    lines.push(`  Log in as admin with the password shown at the first start${config.adminPassword ? ' (SIAR_ADMIN_PASSWORD)' : ''}.`);
  }
  lines.push(`  Stop with Ctrl-C.`, ``);
  console.log(lines.filter((l) => l !== '').join('\n'));
}

main().catch(async (err: unknown) => {
  console.error(`[siar] cannot start: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});
