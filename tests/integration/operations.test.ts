import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, startHeartbeat } from '@siar/shared/node';
import { ApiClient } from '../support/api-client';
import { startTestApp, type TTestApp } from '../support/test-app';
import { testRedisUrl, testDatabaseOptions } from '../support/test-redis';
import { buildOpd, buildUser, createTestDatabase, type TTestDatabase } from '../support/test-database';

let t: TTestDatabase;
let app: TTestApp;
const prefix = `test-ops-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  app = await startTestApp({ database: t, redisUrl: testRedisUrl(), prefix });
  const opd = await buildOpd(t.db);
  await buildUser(t.db, { username: 'admin', role: 'admin' });
  await buildUser(t.db, { username: 'pengawas', role: 'supervisor' });
  await buildUser(t.db, { username: 'op', role: 'operator', opdIds: [opd.id] });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('operations endpoints', () => {
  it('when no worker has been heard from, then /readyz is 503 naming it, and ready once one beats', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const before = await fetch(`${app.url}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toMatchObject({ checks: { database: true, redis: true, workers: false } });
    const redis = createRedis(testRedisUrl(), 'worker');
    const stop = startHeartbeat(redis, prefix, 'test-worker');
    await new Promise((r) => setTimeout(r, 200));
    const after = await fetch(`${app.url}/readyz`);
    expect(after.status).toBe(200);
    stop();
    redis.disconnect();
  });

  it('when Prometheus scrapes /metrics, then queue depth, overdue age and workers alive are there', async () => {
    const res = await fetch(`${app.url}/metrics`);
    expect(res.status).toBe(200);
    const body = await res.text();
    for (const name of ['siar_queue_jobs', 'siar_oldest_overdue_delivery_seconds', 'siar_deliveries_needing_attention', 'siar_workers_alive', 'siar_server_process_resident_memory_bytes']) expect(body).toContain(name);
  });

  it('when people open /admin/queues, then admins get the board, supervisors a read-only one, operators 404 and strangers 401', async () => {
    const as = async (username?: string) => {
      const c = new ApiClient(app.url);
      if (username) await c.login(username, 'Test-Password-123');
      return c.request('GET', '/admin/queues/api/queues?activeQueue=publish&page=1');
    };
    const admin = await as('admin');
    expect(admin.status).toBe(200);
    expect(admin.body.queues[0].readOnlyMode).toBe(false);
    const supervisor = await as('pengawas');
    expect(supervisor.status).toBe(200);
    expect(supervisor.body.queues[0].readOnlyMode).toBe(true);
    expect((await as('op')).status).toBe(404);
    expect((await as()).status).toBe(401);
  });
});
