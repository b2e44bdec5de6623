import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';
import { createFaultEnv, deliveryStatuses, schedulePosts, waitFor, WorkerProcess, type TFaultEnv } from './fault-harness';

interface TEmuTweet {
  id: string;
  text: string;
  username: string;
  replyTo?: string;
}

let env: TFaultEnv | undefined;
let worker: WorkerProcess | undefined;

afterAll(async () => {
  await worker?.kill();
  await env?.close();
});

async function tweets(e: TFaultEnv): Promise<TEmuTweet[]> {
  return ((await (await fetch(`${e.emulator.url}/_emulator/tweets`)).json()) as { items: TEmuTweet[] }).items;
}

describe('a thread whose worker is killed after its second part reached X', () => {
  it('when the worker is killed while X holds the answer to part 2, then a new worker finds part 2 by read-back, posts only part 3, and the thread is one chain', async () => {
    env = await createFaultEnv({ accountCount: 1, redisUrl: testRedisUrl(), latencyMs: 20, database: testDatabaseOptions() });
    const stamp = Date.now();
    const texts = [`Utas 1/3 jadwal posyandu ${stamp}`, `Utas 2/3 lokasi dan jam ${stamp}`, `Utas 3/3 syarat membawa KIA ${stamp}`];
    const [row] = await schedulePosts(env, [{ accountIndex: 0, text: texts[0]!, at: new Date(Date.now() + 1500) }]);
    await env.t.db.updateTable('post').set({ thread_parts: JSON.stringify(texts.slice(1)) }).where('id', '=', row!.postId).execute();
    // The 2nd tweet from now (part 2) is stored by X, and its answer never comes back.
    const faults = await fetch(`${env.emulator.url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hangAfterStoreAt: 2, hangMs: 60_000 }) });
    expect(faults.ok).toBe(true);

    worker = new WorkerProcess(env.workerEnv);
    worker.start();
    expect(await waitFor(async () => (await tweets(env!)).length === 2, 30_000, 100)).toBe(true);
    // Part 1 is on record before part 2 was sent; part 2's id never reached us.
    const saved = await env.t.db.selectFrom('delivery_part').select(['part_index', 'external_id']).where('delivery_id', '=', row!.deliveryId).execute();
    expect(saved.map((p) => Number(p.part_index))).toEqual([0]);
    await worker.kill('SIGKILL');
    worker.start();

    const settled = await waitFor(async () => (await deliveryStatuses(env!)).every((d) => d.status === 'published'), 60_000, 250);
    expect(settled).toBe(true);
    // A few seconds more: a wrong second publish would have landed by now.
    await new Promise((r) => setTimeout(r, 3000));
    const out = (await tweets(env)).filter((t) => t.text.endsWith(String(stamp)));
    expect(out.map((t) => t.text)).toEqual(texts);
    expect(out[1]!.replyTo).toBe(out[0]!.id);
    expect(out[2]!.replyTo).toBe(out[1]!.id);
    const parts = await env.t.db.selectFrom('delivery_part').select(['part_index', 'external_id']).where('delivery_id', '=', row!.deliveryId).orderBy('part_index').execute();
    expect(parts.map((p) => p.external_id)).toEqual(out.map((t) => t.id));
    const delivery = await env.t.db.selectFrom('delivery').select(['external_id', 'status']).where('id', '=', row!.deliveryId).executeTakeFirstOrThrow();
    expect(delivery).toEqual({ external_id: out[0]!.id, status: 'published' });
    const readBacks = await env.t.db.selectFrom('delivery_attempt').select(['kind', 'outcome']).where('delivery_id', '=', row!.deliveryId).where('kind', '=', 'read_back').execute();
    expect(readBacks.map((r) => r.outcome)).toEqual(['found']);
  }, 120_000);
});
