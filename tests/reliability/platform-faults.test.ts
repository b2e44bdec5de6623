import { afterAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../support/test-redis';
import { createFaultEnv, deliveryStatuses, faultReport, FULL, isTerminal, liveCopies, percentile, printFaultReport, readBackCounts, schedulePosts, waitFor, WorkerProcess, type TFaultEnv } from './fault-harness';

const SIZE = FULL ? { deliveries: 1000, accounts: 100, spreadMs: 30_000, bursts: 5 } : { deliveries: 200, accounts: 20, spreadMs: 8000, bursts: 2 };
let env: TFaultEnv | undefined;
let worker: WorkerProcess | undefined;

afterAll(async () => {
  await worker?.kill();
  await env?.close();
  printFaultReport();
});

const setFaults = (faults: Record<string, number>) =>
  fetch(`${env!.emulator.url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });

describe('fault (c): the platform misbehaves', () => {
  it(`when 20% of posts answer 5xx, 5% time out after the post was stored and 429s come in bursts, then each of ${SIZE.deliveries} deliveries ends published once, or failed or unconfirmed with a reason, and none is live twice`, async () => {
    env = await createFaultEnv({ accountCount: SIZE.accounts, redisUrl: testRedisUrl(), latencyMs: 20 });
    // The emulator holds a timed-out answer longer than the adapter waits (1 s), then drops it.
    await setFaults({ error5xxRate: 0.2, timeoutAfterStoreRate: 0.05, hangMs: 1500, seed: 7 });
    const start = Date.now() + 1500;
    const items = Array.from({ length: SIZE.deliveries }, (_, i) => ({ accountIndex: i % SIZE.accounts, text: `Layanan ${i} ${start}`, at: new Date(start + Math.floor((i / SIZE.deliveries) * SIZE.spreadMs)) }));
    await schedulePosts(env, items);
    worker = new WorkerProcess(env.workerEnv);
    worker.start();
    for (let b = 0; b < SIZE.bursts; b++) {
      await new Promise((r) => setTimeout(r, SIZE.spreadMs / (SIZE.bursts + 1)));
      await setFaults({ rateLimitBurst: 25, burstResetSeconds: 2 });
    }
    const settled = await waitFor(async () => (await deliveryStatuses(env!)).every((d) => isTerminal(d.status)), 120_000, 500);
    const rows = await deliveryStatuses(env);
    const copies = await liveCopies(env);
    const published = rows.filter((d) => d.status === 'published');
    const lateness = published.map((d) => Date.parse(d.published_at!) - Date.parse(d.scheduled_at!));
    const attempts = await env.t.db.selectFrom('delivery_attempt').select(['error_kind']).where('kind', '=', 'publish').execute();
    const byKind = new Map<string, number>();
    for (const a of attempts) byKind.set(a.error_kind ?? 'ok', (byKind.get(a.error_kind ?? 'ok') ?? 0) + 1);
    faultReport.push({
      scenario: 'c: 20% 5xx, 5% timeout after store, 429 bursts',
      deliveries: rows.length,
      published: published.length,
      other: rows.filter((d) => d.status !== 'published').map((d) => d.status).join(',') || '-',
      attempts: [...byKind].map(([k, v]) => `${k}:${v}`).join(' '),
      readBacks: await readBackCounts(env),
      liveDuplicates: [...copies.values()].filter((n) => n > 1).length,
      latenessP50ms: percentile(lateness, 50),
      latenessMaxMs: percentile(lateness, 100),
    });
    if (!settled) console.log(worker.tail(60));
    expect(settled).toBe(true);
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
    for (const d of rows) {
      if (d.status === 'published') expect(copies.get(d.text)).toBe(1);
      else {
        expect(['failed', 'unconfirmed']).toContain(d.status);
        expect(JSON.parse(d.last_error ?? '{}').kind).toBeTruthy();
      }
    }
    // The faults were really exercised.
    expect(byKind.get('transient') ?? 0).toBeGreaterThan(0);
    expect(byKind.get('ambiguous') ?? 0).toBeGreaterThan(0);
    expect(byKind.get('rate_limited') ?? 0).toBeGreaterThan(0);
  }, 240_000);
});
