import { afterAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '../support/test-redis';
import { createFaultEnv, deliveryStatuses, isTerminal, liveCopies, schedulePosts, waitFor, WorkerProcess, type TFaultEnv } from './fault-harness';

let env: TFaultEnv | undefined;
let worker: WorkerProcess | undefined;

afterAll(async () => {
  await worker?.kill();
  await env?.close();
});

describe('a graceful stop', () => {
  it('when the worker gets SIGTERM while posts are on their way, then it takes no new job, finishes those in flight, and exits within the grace period', async () => {
    // Each platform call takes 1.5 s, so a SIGTERM lands while calls are in flight.
    env = await createFaultEnv({ accountCount: 5, redisUrl: testRedisUrl(), latencyMs: 1500 });
    Object.assign(env.workerEnv, { X_REQUEST_TIMEOUT_MS: '5000', META_REQUEST_TIMEOUT_MS: '5000', SIAR_SETTLE_MS: '6000', SIAR_SHUTDOWN_GRACE_MS: '4000', SIAR_WORKER_CONCURRENCY: '3' });
    const at = new Date(Date.now() + 500);
    await schedulePosts(env, Array.from({ length: 12 }, (_, i) => ({ accountIndex: i % 5, text: `Berhenti ${i} ${at.getTime()}`, at })));
    worker = new WorkerProcess(env.workerEnv);
    worker.start();
    expect(await waitFor(async () => (await deliveryStatuses(env!)).some((d) => d.status === 'publishing'), 15_000, 50)).toBe(true);
    const inFlight = (await deliveryStatuses(env)).filter((d) => d.status === 'publishing').map((d) => d.id);
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => worker!.child!.once('exit', (code) => resolve(code)));
    worker.child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(4000 + 1500);
    const afterStop = await deliveryStatuses(env);
    for (const id of inFlight) expect(afterStop.find((d) => d.id === id)?.status).toBe('published');
    expect(afterStop.some((d) => d.status === 'scheduled')).toBe(true);

    // The next worker publishes the rest; nothing twice.
    worker.start();
    expect(await waitFor(async () => (await deliveryStatuses(env!)).every((d) => isTerminal(d.status)), 60_000, 250)).toBe(true);
    const copies = await liveCopies(env);
    for (const d of await deliveryStatuses(env)) {
      expect(d.status).toBe('published');
      expect(copies.get(d.text)).toBe(1);
    }
  }, 120_000);
});
