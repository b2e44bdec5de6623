import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeKey, samplePath, snapshotTables, startSecurityWorld, type TSecurityWorld } from '../support/route-inventory';
import { createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

/** CSRF (issue #5): every unsafe request without the double-submit header is refused, whoever sends it. */

let t: TTestDatabase;
let w: TSecurityWorld;

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  w = await startSecurityWorld({ database: t, redisUrl: testRedisUrl(), prefix: 'test-security-csrf' });
});

afterAll(async () => {
  await w?.close();
  await t?.close();
});

describe('CSRF', () => {
  it('when a signed-in admin sends any non-GET request without the header, then 403 and nothing changes', async () => {
    const unsafe = w.routes.filter((r) => r.method !== 'GET' && r.method !== 'USE');
    expect(unsafe.length).toBeGreaterThan(30);
    const before = await snapshotTables(t.db);
    const wrong: string[] = [];
    for (const route of unsafe) {
      const res = await w.admin.request(route.method, samplePath(w, route), {}, { csrf: false });
      if (res.status !== 403 || res.body?.code !== 'csrf') wrong.push(`${routeKey(route)} → ${res.status} ${res.body?.code ?? ''}`);
      // A header that does not match the cookie is no better than none.
      const forged = await w.admin.request(route.method, samplePath(w, route), {}, { csrf: false, headers: { 'x-csrf-token': 'forged' } });
      if (forged.status !== 403) wrong.push(`${routeKey(route)} with a forged header → ${forged.status}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshotTables(t.db)).toEqual(before);
    // The session is still good: the same client, header included, is let through.
    expect((await w.admin.post('/api/notifications/read', { all: true })).status).toBe(200);
  });

  it("when the queue board's write actions come without the header, then 403 and the queue is not paused", async () => {
    const res = await w.admin.request('PUT', '/admin/queues/api/queues/pause', {}, { csrf: false });
    expect(res.status).toBe(403);
    const board = await w.admin.get('/admin/queues/api/queues?activeQueue=&page=1');
    expect(board.status).toBe(200);
    expect(JSON.stringify(board.body)).not.toContain('"isPaused":true');
    // The board's own UI echoes its XSRF-TOKEN cookie (set by that GET) and is let through.
    const token = decodeURIComponent(w.admin.jar.get('XSRF-TOKEN')!);
    expect((await w.admin.request('PUT', '/admin/queues/api/queues/pause', {}, { csrf: false, headers: { 'x-xsrf-token': token } })).status).toBe(200);
    expect(JSON.stringify((await w.admin.get('/admin/queues/api/queues?activeQueue=&page=1')).body)).toContain('"isPaused":true');
    expect((await w.admin.request('PUT', '/admin/queues/api/queues/resume', {}, { csrf: false, headers: { 'x-xsrf-token': token } })).status).toBe(200);
  });
});
