import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { testRedisUrl } from '../support/test-redis';
import { createFaultEnv, deliveryStatuses, faultReport, FULL, isTerminal, liveCopies, printFaultReport, waitFor, WorkerProcess, type TFaultEnv } from './fault-harness';

const RACES = FULL ? 200 : 80;
const ACCOUNTS = 20;
let env: TFaultEnv | undefined;
let worker: WorkerProcess | undefined;
let app: TTestApp | undefined;

afterAll(async () => {
  await worker?.kill();
  await app?.close();
  await env?.close();
  printFaultReport();
});

describe('fault (d): edits and cancels racing the worker', () => {
  it(`when ${RACES} posts are edited or cancelled around the second they fall due, then no stale or cancelled text is ever published`, async () => {
    env = await createFaultEnv({ accountCount: ACCOUNTS, redisUrl: testRedisUrl(), latencyMs: 30 });
    app = await startTestApp({ database: env.t, redisUrl: testRedisUrl(), prefix: env.prefix });
    const api = new ApiClient(app.url);
    const username = (await env.t.db.selectFrom('user').select('username').where('id', '=', env.userId).executeTakeFirstOrThrow()).username;
    expect((await api.login(username, 'Test-Password-123')).status).toBe(200);
    worker = new WorkerProcess(env.workerEnv);
    worker.start();
    await new Promise((r) => setTimeout(r, 2500));

    const due = Date.now() + 4000;
    const posts = [];
    for (let i = 0; i < RACES; i++) {
      const res = await api.post('/api/posts', { accountIds: [env.accounts[i % ACCOUNTS]!.id], text: `Asli ${i} ${due}`, scheduledAt: new Date(due).toISOString() });
      expect(res.status).toBe(201);
      posts.push({ i, id: res.body.id as string, original: `Asli ${i} ${due}`, edited: `Ubah ${i} ${due}` });
    }
    // Fire each edit or cancel at a moment spread from 300 ms before to 300 ms after the due time.
    await new Promise((r) => setTimeout(r, due - Date.now() - 300));
    const outcomes = await Promise.all(
      posts.map(async (p) => {
        await new Promise((r) => setTimeout(r, Math.floor((p.i / RACES) * 600)));
        const res = p.i % 2 === 0 ? await api.request('PATCH', `/api/posts/${p.id}`, { text: p.edited }) : await api.post(`/api/posts/${p.id}/cancel`);
        return { ...p, action: p.i % 2 === 0 ? 'edit' : 'cancel', status: res.status };
      }),
    );
    const settled = await waitFor(async () => (await deliveryStatuses(env!)).every((d) => isTerminal(d.status)), 60_000, 500);
    const copies = await liveCopies(env);
    const violations: string[] = [];
    for (const o of outcomes) {
      const original = copies.get(o.original) ?? 0;
      const edited = copies.get(o.edited) ?? 0;
      if (o.status === 200 && original > 0) violations.push(`${o.action} ${o.i} accepted but the old text went out`);
      if (o.action === 'edit' && o.status === 200 && edited !== 1) violations.push(`edit ${o.i} accepted but the new text went out ${edited} times`);
      if (o.status === 409 && original !== 1) violations.push(`${o.action} ${o.i} refused but the original went out ${original} times`);
      if (o.status !== 200 && o.status !== 409) violations.push(`${o.action} ${o.i} answered ${o.status}`);
    }
    const count = (action: string, status: number) => outcomes.filter((o) => o.action === action && o.status === status).length;
    faultReport.push({
      scenario: `d: ${RACES} edit/cancel races`,
      editsAccepted: count('edit', 200),
      editsRefused409: count('edit', 409),
      cancelsAccepted: count('cancel', 200),
      cancelsRefused409: count('cancel', 409),
      staleOrCancelledPublished: violations.length,
      liveDuplicates: [...copies.values()].filter((n) => n > 1).length,
    });
    expect(settled).toBe(true);
    expect(violations).toEqual([]);
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
  }, 180_000);
});
