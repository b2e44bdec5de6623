import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { ApiClient } from '../support/api-client';
import { buildAccount, buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';
import { startXEmulator, type TXEmulator } from '../emulators/x/x-emulator';
import { freePort } from '../../server/src/launcher/free-port';
import { testRedisUrl, testDatabaseOptions } from '../support/test-redis';

const root = new URL('../..', import.meta.url).pathname;
let t: TTestDatabase;
let emulator: TXEmulator;
let server: ChildProcess;
let worker: ChildProcess;
let base: string;
let accounts: Awaited<ReturnType<typeof buildAccount>>[];

function startProcess(file: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  emulator = await startXEmulator({ latencyMs: 20 });
  const opd = await buildOpd(t.db);
  await buildUser(t.db, { username: 'op', opdIds: [opd.id] });
  accounts = [];
  for (const handle of ['dinkes_kabtng', 'kec_tigaraksa']) {
    const a = await buildAccount(t.db, t.ring, { opdId: opd.id, handle });
    accounts.push(a);
    await fetch(`${emulator.url}/_emulator/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: a.external_id, username: handle, name: handle, accessToken: a.accessToken }) });
  }
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // The same configuration both processes read at start, as in a deployment.
  const env = { DATABASE_URL: t.url, DATA_DIR: t.dir, REDIS_URL: testRedisUrl(), SIAR_QUEUE_PREFIX: 'test-publish-path', SIAR_ENCRYPTION_KEY: t.keyText, X_API_BASE_URL: emulator.url, X_WEB_BASE_URL: 'https://x.com', LOG_LEVEL: 'warn' };
  server = startProcess('server/src/main.ts', { ...env, PORT: String(port), HOST: '127.0.0.1' });
  worker = startProcess('worker/src/main.ts', env);
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);

afterAll(async () => {
  await Promise.all([stopProcess(server), stopProcess(worker)]);
  await emulator?.close();
  await t?.close();
});

describe('the publish path across processes', () => {
  it('when a post is scheduled for two accounts, then the worker publishes it once per account at its time, with links', async () => {
    const api = new ApiClient(base);
    expect((await api.login('op', 'Test-Password-123')).status).toBe(200);
    const scheduledAt = new Date(Date.now() + 3000).toISOString();
    const text = `Vaksinasi gratis di Puskesmas Tigaraksa ${Date.now()}`;
    const created = await api.post('/api/posts', { accountIds: accounts.map((a) => a.id), text, scheduledAt });
    expect(created.status).toBe(201);

    await expect.poll(async () => (await api.get(`/api/posts/${created.body.id}`)).body.status, { timeout: 20_000, interval: 200 }).toBe('published');
    const post = (await api.get(`/api/posts/${created.body.id}`)).body;
    for (const d of post.deliveries) {
      expect(d.status).toBe('published');
      expect(d.externalUrl).toBe(`https://x.com/${d.handle}/status/${d.externalId}`);
      expect(Date.parse(d.publishedAt)).toBeGreaterThanOrEqual(Date.parse(scheduledAt));
      expect(d.attempt).toBe(1);
    }
    // Exactly one live copy per account on the platform.
    await new Promise((r) => setTimeout(r, 1000));
    const tweets = (await (await fetch(`${emulator.url}/_emulator/tweets`)).json()) as { items: { text: string; username: string }[] };
    const copies = tweets.items.filter((x) => x.text === text).map((x) => x.username).sort();
    expect(copies).toEqual(['dinkes_kabtng', 'kec_tigaraksa']);
  });

  it('when the platform rejects the text, then the delivery fails with the platform reason and the others still publish', async () => {
    const api = new ApiClient(base);
    await api.login('op', 'Test-Password-123');
    const text = `Teks yang sama ${Date.now()}`;
    const first = await api.post('/api/posts', { accountIds: [accounts[0]!.id], text, scheduledAt: new Date().toISOString() });
    await expect.poll(async () => (await api.get(`/api/posts/${first.body.id}`)).body.status, { timeout: 20_000, interval: 200 }).toBe('published');
    // X refuses duplicate text from the same account; the other account accepts it.
    const second = await api.post('/api/posts', { accountIds: accounts.map((a) => a.id), text, scheduledAt: new Date().toISOString() });
    await expect.poll(async () => (await api.get(`/api/posts/${second.body.id}`)).body.status, { timeout: 20_000, interval: 200 }).toBe('partially_published');
    const post = (await api.get(`/api/posts/${second.body.id}`)).body;
    const failed = post.deliveries.find((d: { handle: string }) => d.handle === 'dinkes_kabtng');
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/Ditolak oleh platform: .*duplicate content/);
  });

  it("when a retry is refused as duplicate content because the first try did get through, then the delivery is published with the first copy's id, not failed", async () => {
    const api = new ApiClient(base);
    await api.login('op', 'Test-Password-123');
    const text = `Sudah masuk di percobaan pertama ${Date.now()}`;
    // The first try reached X but its answer was lost as a transient error: X has the post.
    const first = await fetch(`${emulator.url}/2/tweets`, { method: 'POST', headers: { authorization: `Bearer ${accounts[0]!.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
    const tweetId = ((await first.json()) as { data: { id: string } }).data.id;
    const created = await api.post('/api/posts', { accountIds: [accounts[0]!.id], text, scheduledAt: new Date(Date.now() + 2500).toISOString() });
    const deliveryId = created.body.deliveries[0].id as string;
    await t.db.updateTable('delivery').set({ attempt: 1 }).where('id', '=', deliveryId).execute();
    await t.db.insertInto('delivery_attempt').values({ id: `a-${deliveryId}`, delivery_id: deliveryId, number: 1, kind: 'publish', started_at: new Date(Date.now() - 5000).toISOString(), ended_at: new Date().toISOString(), outcome: 'transient', error_kind: 'transient', http_status: 503, excerpt: null }).execute();
    await expect.poll(async () => (await api.get(`/api/posts/${created.body.id}`)).body.deliveries[0].status, { timeout: 20_000, interval: 200 }).toBe('published');
    expect((await api.get(`/api/posts/${created.body.id}`)).body.deliveries[0].externalId).toBe(tweetId);
  });

  it('when a post carries two uploaded images with alt text, then the worker uploads them to X and attaches them to each account\'s post', async () => {
    const api = new ApiClient(base);
    await api.login('op', 'Test-Password-123');
    const opdId = (await api.get('/api/auth/me')).body.opds[0].id as string;
    const mediaIds: string[] = [];
    for (const [i, color] of [{ r: 200, g: 30, b: 30 }, { r: 30, g: 30, b: 200 }].entries()) {
      const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: color } }).png().toBuffer();
      const form = new FormData();
      form.set('opdId', opdId);
      form.set('altText', `Gambar ${i + 1}`);
      form.set('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), `g${i}.png`);
      const cookie = [...api.jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(`${base}/api/media`, { method: 'POST', headers: { cookie, 'x-csrf-token': decodeURIComponent(api.jar.get('siar_csrf')!) }, body: form });
      expect(res.status).toBe(201);
      mediaIds.push(((await res.json()) as { id: string }).id);
    }
    const text = `Dengan dua gambar ${Date.now()}`;
    const created = await api.post('/api/posts', { accountIds: accounts.map((a) => a.id), text, mediaIds, scheduledAt: new Date(Date.now() + 1500).toISOString() });
    expect(created.status).toBe(201);
    await expect.poll(async () => (await api.get(`/api/posts/${created.body.id}`)).body.status, { timeout: 20_000, interval: 200 }).toBe('published');
    const tweets = (await (await fetch(`${emulator.url}/_emulator/tweets`)).json()) as { items: { text: string; media?: { type: string; altText?: string }[] }[] };
    const copies = tweets.items.filter((x) => x.text === text);
    expect(copies).toHaveLength(2);
    for (const c of copies) expect(c.media).toEqual([expect.objectContaining({ type: 'image/png', altText: 'Gambar 1' }), expect.objectContaining({ type: 'image/png', altText: 'Gambar 2' })]);
    const five = await api.post('/api/posts', { accountIds: [accounts[0]!.id], text: 'lima', mediaIds: [...mediaIds, ...mediaIds, mediaIds[0]], scheduledAt: null });
    expect(five.status).toBe(400);
  });
});
