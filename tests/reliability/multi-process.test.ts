import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { MAINTENANCE_QUEUE } from '@siar/shared';
import { createRedis } from '@siar/shared/node';
import { ApiClient } from '../support/api-client';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';
import { createFaultEnv, deliveryStatuses, faultReport, FULL, isTerminal, liveCopies, printFaultReport, schedulePosts, ServerProcess, waitFor, WorkerProcess, type TFaultEnv } from './fault-harness';

const SIZE = FULL ? { deliveries: 1000, accounts: 100, spreadMs: 30_000, kills: 6 } : { deliveries: 300, accounts: 30, spreadMs: 10_000, kills: 3 };
let env: TFaultEnv | undefined;
const workers: WorkerProcess[] = [];
const servers: ServerProcess[] = [];

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await Promise.all(servers.map((s) => s.stop()));
  await env?.close();
  printFaultReport();
});

describe('several processes: two servers and three workers on one PostgreSQL and one Redis', () => {
  it(`when ${SIZE.deliveries} deliveries fall due while workers are killed ${SIZE.kills} times, then a session works on either server, each delivery is claimed and published once, and the sweeper runs once per interval`, async () => {
    env = await createFaultEnv({ accountCount: SIZE.accounts, redisUrl: testRedisUrl(), latencyMs: 30, database: testDatabaseOptions() });
    const shared = { ...env.workerEnv, LOG_LEVEL: 'warn' };
    servers.push(new ServerProcess(shared), new ServerProcess(shared));
    const [one, two] = [await servers[0]!.start(), await servers[1]!.start()];
    for (let i = 0; i < 3; i++) {
      const w = new WorkerProcess(shared);
      w.start();
      workers.push(w);
    }

    // A session made on one server is honoured by the other (sessions live in the database).
    const username = (await env.t.db.selectFrom('user').select('username').where('id', '=', env.userId).executeTakeFirstOrThrow()).username;
    const api = new ApiClient(one!);
    expect((await api.login(username, 'Test-Password-123')).status).toBe(200);
    const other = new ApiClient(two!);
    for (const [k, v] of api.jar) other.jar.set(k, v);
    expect((await other.get('/api/auth/me')).status).toBe(200);
    const viaOther = await other.post('/api/posts', { accountIds: [env.accounts[0]!.id], text: `Lewat server kedua ${Date.now()}`, scheduledAt: new Date(Date.now() + 3000).toISOString() });
    expect(viaOther.status).toBe(201);

    const start = Date.now() + 3000;
    await schedulePosts(env, Array.from({ length: SIZE.deliveries }, (_, i) => ({ accountIndex: i % SIZE.accounts, text: `Klaster ${i} ${start}`, at: new Date(start + Math.floor((i / SIZE.deliveries) * SIZE.spreadMs)) })));
    for (let k = 0; k < SIZE.kills; k++) {
      await new Promise((r) => setTimeout(r, (SIZE.spreadMs / SIZE.kills) * (0.5 + Math.random() * 0.5)));
      const w = workers[k % workers.length]!;
      await w.kill('SIGKILL');
      w.start();
    }
    const settled = await waitFor(async () => (await deliveryStatuses(env!)).every((d) => isTerminal(d.status)), 90_000, 500);

    // Sweeps completed over the last few seconds: one per interval, not one per worker.
    const redis = createRedis(testRedisUrl(), 'worker');
    const maintenance = new Queue(MAINTENANCE_QUEUE, { connection: redis, prefix: env.prefix });
    const windowMs = 6000;
    const since = Date.now();
    await new Promise((r) => setTimeout(r, windowMs));
    const sweeps = (await maintenance.getJobs(['completed'], 0, 200)).filter((j) => (j.finishedOn ?? 0) >= since).length;
    await maintenance.close();
    redis.disconnect();

    const rows = await deliveryStatuses(env);
    const copies = await liveCopies(env);
    const attempts = await env.t.db.selectFrom('delivery_attempt').select(['delivery_id', 'kind']).execute();
    const readBack = new Set(attempts.filter((a) => a.kind === 'read_back').map((a) => a.delivery_id));
    const claimsPer = new Map<string, number>();
    for (const a of attempts.filter((x) => x.kind === 'publish')) claimsPer.set(a.delivery_id, (claimsPer.get(a.delivery_id) ?? 0) + 1);
    const claimedTwice = [...claimsPer].filter(([id, n]) => n > 1 && !readBack.has(id)).length;
    faultReport.push({
      scenario: `multi-process: 2 servers, 3 workers, PostgreSQL, ${SIZE.kills} kills`,
      deliveries: rows.length,
      published: rows.filter((d) => d.status === 'published').length,
      claimedTwiceWithoutReadBack: claimedTwice,
      readBacks: readBack.size,
      liveDuplicates: [...copies.values()].filter((n) => n > 1).length,
      sweepsIn6sAt1sInterval: sweeps,
    });
    expect(settled).toBe(true);
    expect(rows.every((d) => d.status === 'published')).toBe(true);
    for (const d of rows) expect(copies.get(d.text)).toBe(1);
    expect(claimedTwice).toBe(0);
    expect(sweeps).toBeGreaterThanOrEqual(windowMs / 1000 - 2);
    expect(sweeps).toBeLessThanOrEqual(windowMs / 1000 + 1);
  }, 240_000);
});
