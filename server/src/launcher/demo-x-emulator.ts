import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openCredentials, type TDatabase, type TKeyRing } from '@siar/shared/node';
import { freePort, isPortFree } from './free-port';
import { SupervisedProcess } from './supervised-process';

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/**
 * Demo mode: runs the X emulator (tests/emulators/x) and registers every X account of the
 * database with its token, so the worker publishes to it exactly as it would to X.
 */
export async function startDemoXEmulator(options: { root: string; dataDir: string; preferredPort: number; appPort: number; db: TDatabase; ring: TKeyRing; log: (m: string) => void; env: NodeJS.ProcessEnv }) {
  const port = (await isPortFree(options.preferredPort)) ? options.preferredPort : await freePort();
  const url = `http://127.0.0.1:${port}`;
  const emulator = new SupervisedProcess({
    name: 'x-emulator',
    command: process.execPath,
    args: ['--import', 'tsx', join(options.root, 'tests', 'emulators', 'x', 'main.ts')],
    env: { ...options.env, X_EMULATOR_PORT: String(port), X_EMULATOR_STATE_FILE: join(options.dataDir, 'x-emulator.json') },
    cwd: options.root,
    log: options.log,
  });
  emulator.start();
  await waitForHttp(`${url}/_emulator/tweets`, 30_000);
  const accounts = await options.db.selectFrom('social_account').select(['id', 'external_id', 'handle', 'display_name', 'credentials']).where('platform', '=', 'x').execute();
  for (const a of accounts) {
    if (!a.credentials) continue;
    const { accessToken } = openCredentials(options.ring, a.id, a.credentials);
    const res = await fetch(`${url}/_emulator/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: a.external_id, username: a.handle, name: a.display_name, accessToken }),
    });
    if (!res.ok) throw new Error(`x-emulator refused demo account @${a.handle}: ${res.status}`);
  }
  // The demo's X app, so "Hubungkan akun X" works end to end, and one emulator user not yet
  // connected, to connect.
  const redirectUris = ['localhost', '127.0.0.1'].map((h) => `http://${h}:${options.appPort}/api/oauth/x/callback`);
  await post(`${url}/_emulator/apps`, { clientId: DEMO_CLIENT_ID, redirectUris });
  await post(`${url}/_emulator/users`, { id: '1500000000000000009', username: 'kec_curug', name: 'Kecamatan Curug', accessToken: `demo-${randomBytes(24).toString('base64url')}` });
  return { url, clientId: DEMO_CLIENT_ID, process: emulator };
}

export const DEMO_CLIENT_ID = 'siar-demo';

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`x-emulator refused ${url}: ${res.status}`);
}
