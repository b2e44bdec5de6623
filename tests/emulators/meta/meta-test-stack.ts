import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { sealCredentials, type TDatabase, type TKeyRing } from '@siar/shared/node';
import { freePort } from '../../../server/src/launcher/free-port';
import type { ApiClient } from '../../support/api-client';
import type { TTestDatabase } from '../../support/test-database';
import { metaControl } from './meta-emulator.client';
import { startMetaEmulator, type TMetaEmulator } from './meta-emulator';

const root = new URL('../../..', import.meta.url).pathname;

function startProcess(file: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', file], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

export interface TMetaStack {
  base: string;
  emulator: TMetaEmulator;
  meta: ReturnType<typeof metaControl>;
  stop(): Promise<void>;
}

/**
 * The real server and worker processes, configured as a deployment would be, with Facebook and
 * Instagram on the Meta emulator: the worker signs media links under the server's address, and
 * the emulator fetches them from there. Short timeouts, sweeps and retries keep tests quick.
 */
export async function startMetaStack(o: { database: TTestDatabase; redisUrl: string; prefix: string }): Promise<TMetaStack> {
  const emulator = await startMetaEmulator({ videoPolls: 2 });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: o.database.url,
    DATA_DIR: o.database.dir,
    REDIS_URL: o.redisUrl,
    SIAR_QUEUE_PREFIX: o.prefix,
    SIAR_ENCRYPTION_KEY: o.database.keyText,
    PUBLIC_BASE_URL: base,
    META_API_BASE_URL: emulator.url,
    META_WEB_BASE_URL: emulator.url,
    INSTAGRAM_WEB_BASE_URL: emulator.url,
    META_REQUEST_TIMEOUT_MS: '1500',
    META_CONTAINER_POLL_MS: '50',
    META_CONTAINER_WAIT_MS: '5000',
    X_API_BASE_URL: 'http://127.0.0.1:9',
    X_REQUEST_TIMEOUT_MS: '1000',
    SIAR_SETTLE_MS: '2500',
    SIAR_SWEEP_EVERY_MS: '500',
    SIAR_RETRY_BASE_MS: '200',
    LOG_LEVEL: 'warn',
  };
  const server = startProcess('server/src/main.ts', { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const worker = startProcess('worker/src/main.ts', env);
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    emulator,
    meta: metaControl(emulator.url),
    stop: async () => {
      await Promise.all([stopProcess(server), stopProcess(worker)]);
      await emulator.close();
    },
  };
}

/** A connected Facebook Page or Instagram account, as the connect flow stores it. */
export async function addMetaAccount(db: TDatabase, ring: TKeyRing, o: { opdId: string; platform: 'facebook' | 'instagram'; externalId: string; handle: string; name: string; accessToken: string }) {
  const id = randomUUID();
  const now = new Date().toISOString();
  const expiresAt = new Date(Date.now() + 60 * 24 * 3600_000).toISOString();
  await db
    .insertInto('social_account')
    .values({ id, opd_id: o.opdId, platform: o.platform, external_id: o.externalId, handle: o.handle, display_name: o.name, status: 'active', credentials: sealCredentials(ring, id, { accessToken: o.accessToken, expiresAt }), token_expires_at: expiresAt, created_at: now, updated_at: now })
    .execute();
  return id;
}

/** Uploads a file through POST /api/media as the signed-in person; answers the media id. */
export async function uploadMedia(api: ApiClient, o: { opdId: string; bytes: Buffer; mime: string; name: string; altText?: string }): Promise<string> {
  const form = new FormData();
  form.set('opdId', o.opdId);
  if (o.altText) form.set('altText', o.altText);
  form.set('file', new Blob([new Uint8Array(o.bytes)], { type: o.mime }), o.name);
  const cookie = [...api.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${api.baseUrl}/api/media`, { method: 'POST', headers: { cookie, 'x-csrf-token': decodeURIComponent(api.jar.get('siar_csrf')!) }, body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Minimal MP4: an `ftyp` box (brand mp42) then an `mdat` box with some payload. */
export function buildMp4(payloadBytes: number): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(4), Buffer.from('mp42isom')]);
  const mdatHeader = Buffer.alloc(8);
  mdatHeader.writeUInt32BE(8 + payloadBytes, 0);
  mdatHeader.write('mdat', 4);
  return Buffer.concat([ftyp, mdatHeader, Buffer.alloc(payloadBytes, 7)]);
}

export type TDeliveryView = { status: string; externalId: string | null; externalUrl: string | null; error: string | null; errorKind: string | null; nextAttemptAt: string | null; attempt: number };

/** Polls a post until its (first) delivery reaches one of `statuses`; answers the delivery. */
export async function settledDelivery(api: ApiClient, postId: string, statuses: string[], timeout = 25_000): Promise<TDeliveryView> {
  let last: TDeliveryView | undefined;
  await expect
    .poll(
      async () => {
        last = (await api.get(`/api/posts/${postId}`)).body.deliveries[0] as TDeliveryView;
        return statuses.includes(last.status) ? last.status : `${last.status} (${last.error ?? ''})`;
      },
      { timeout, interval: 150 },
    )
    .toSatisfy((s: string) => statuses.includes(s));
  return last!;
}
