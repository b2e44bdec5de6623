import { afterAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../support/test-redis';
import { createFaultEnv, deliveryStatuses, faultReport, FULL, isTerminal, liveCopies, percentile, printFaultReport, readBackCounts, schedulePosts, waitFor, WorkerProcess, type TFaultEnv } from './fault-harness';

const SIZE = FULL ? { deliveries: 1000, accounts: 100, spreadMs: 60_000, kills: 10 } : { deliveries: 200, accounts: 20, spreadMs: 12_000, kills: 4 };
let env: TFaultEnv | undefined;
let worker: WorkerProcess | undefined;

afterAll(async () => {
  await worker?.kill();
  await env?.close();
  printFaultReport();
});

describe('fault (a): the worker killed with SIGKILL during a burst', () => {
  it(`when ${SIZE.deliveries} deliveries across ${SIZE.accounts} accounts fall due while the worker is killed ${SIZE.kills} times, then each is published exactly once and none is lost`, async () => {
    env = await createFaultEnv({ accountCount: SIZE.accounts, redisUrl: testRedisUrl(), latencyMs: 40 });
    const start = Date.now() + 2000;
    const items = Array.from({ length: SIZE.deliveries }, (_, i) => ({ accountIndex: i % SIZE.accounts, text: `Pengumuman ${i} ${start}`, at: new Date(start + Math.floor((i / SIZE.deliveries) * SIZE.spreadMs)) }));
    await schedulePosts(env, items);
    worker = new WorkerProcess(env.workerEnv);
    worker.start();
    // Kill at random moments spread over the burst, restarting at once each time.
    const gap = SIZE.spreadMs / SIZE.kills;
    for (let k = 0; k < SIZE.kills; k++) {
      await new Promise((r) => setTimeout(r, gap * (0.5 + Math.random() * 0.5)));
      await worker.kill('SIGKILL');
      worker.start();
    }
    const settled = await waitFor(async () => (await deliveryStatuses(env!)).every((d) => isTerminal(d.status)), 90_000, 500);
    const rows = await deliveryStatuses(env);
    const copies = await liveCopies(env);
    const published = rows.filter((d) => d.status === 'published');
    const duplicates = [...copies.values()].filter((n) => n > 1).length;
    const lateness = published.map((d) => Date.parse(d.published_at!) - Date.parse(d.scheduled_at!));
    faultReport.push({
      scenario: 'a: worker SIGKILL x' + SIZE.kills,
      deliveries: rows.length,
      published: published.length,
      other: rows.filter((d) => d.status !== 'published').map((d) => d.status).join(',') || '-',
      readBacks: await readBackCounts(env),
      liveDuplicates: duplicates,
      lost: rows.filter((d) => !copies.has(d.text) && d.status === 'published').length,
      latenessP50ms: percentile(lateness, 50),
      latenessMaxMs: percentile(lateness, 100),
    });
    expect(settled).toBe(true);
    expect(duplicates).toBe(0);
    expect(published).toHaveLength(SIZE.deliveries);
    for (const d of rows) expect(copies.get(d.text)).toBe(1);
  }, 240_000);
});
