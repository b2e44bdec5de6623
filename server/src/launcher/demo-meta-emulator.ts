import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openCredentials, type TDatabase, type TKeyRing } from '@siar/shared/node';
import { freePort, isPortFree } from './free-port';
import { SupervisedProcess } from './supervised-process';

export const DEMO_META_APP_ID = 'siar-demo-meta';
/** The person who logs in with Facebook in the demo: they manage every demo Page. */
const DEMO_META_USER = { id: '100090000000001', name: 'Admin Media Sosial Pemkab Tangerang' };
/** A Page with its Instagram account that is not connected yet, to try "Hubungkan akun Facebook". */
const SPARE_PAGE = { id: '104000000000009', name: 'Kecamatan Curug', username: 'kec.curug', instagram: { id: '17841400000000009', username: 'kec.curug', name: 'Kecamatan Curug' } };

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

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`meta-emulator refused ${url}: ${res.status}`);
}

/**
 * Demo mode: runs the Meta Graph emulator (tests/emulators/meta) and registers every Facebook
 * Page and Instagram account of the database with its token (an Instagram account hangs on the
 * Page whose token it shares), the demo's Meta app (so "Hubungkan akun Facebook" works end to
 * end, with a fresh secret each start) and one Page not yet connected.
 */
export async function startDemoMetaEmulator(options: { root: string; dataDir: string; preferredPort: number; appPort: number; db: TDatabase; ring: TKeyRing; log: (m: string) => void; env: NodeJS.ProcessEnv }) {
  const port = (await isPortFree(options.preferredPort)) ? options.preferredPort : await freePort();
  const url = `http://127.0.0.1:${port}`;
  const emulator = new SupervisedProcess({
    name: 'meta-emulator',
    command: process.execPath,
    args: ['--import', 'tsx', join(options.root, 'tests', 'emulators', 'meta', 'main.ts')],
    env: { ...options.env, META_EMULATOR_PORT: String(port), META_EMULATOR_STATE_FILE: join(options.dataDir, 'meta-emulator.json') },
    cwd: options.root,
    log: options.log,
  });
  emulator.start();
  await waitForHttp(`${url}/_emulator/clock`, 30_000);

  const rows = await options.db.selectFrom('social_account').select(['id', 'platform', 'external_id', 'handle', 'display_name', 'credentials']).where('platform', 'in', ['facebook', 'instagram']).execute();
  const tokenOf = (r: (typeof rows)[number]) => (r.credentials ? openCredentials(options.ring, r.id, r.credentials).accessToken : undefined);
  const instagram = rows.filter((r) => r.platform === 'instagram').map((r) => ({ row: r, token: tokenOf(r) }));
  await post(`${url}/_emulator/users`, DEMO_META_USER);
  for (const page of rows.filter((r) => r.platform === 'facebook')) {
    const token = tokenOf(page);
    if (!token) continue;
    const ig = instagram.find((i) => i.token === token)?.row;
    await post(`${url}/_emulator/pages`, {
      id: page.external_id,
      name: page.display_name,
      username: page.handle,
      userIds: [DEMO_META_USER.id],
      accessToken: token,
      ...(ig ? { instagram: { id: ig.external_id, username: ig.handle, name: ig.display_name } } : {}),
    });
  }
  await post(`${url}/_emulator/pages`, { ...SPARE_PAGE, userIds: [DEMO_META_USER.id] });
  const appSecret = randomBytes(24).toString('base64url');
  const redirectUris = ['localhost', '127.0.0.1'].map((h) => `http://${h}:${options.appPort}/api/oauth/meta/callback`);
  await post(`${url}/_emulator/apps`, { appId: DEMO_META_APP_ID, appSecret, redirectUris, name: 'Siar (demo)' });
  return { url, appId: DEMO_META_APP_ID, appSecret, process: emulator };
}
