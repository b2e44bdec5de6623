import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { ROUTE_ACCESS, routeKey, samplePath, snapshotTables, startSecurityWorld, type TRouteEntry, type TSecurityWorld } from '../support/route-inventory';
import { createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

/**
 * The authorization matrix (issue #5): every route the app registers is classified in
 * ROUTE_ACCESS, and each class is asserted against each role, with OPD A's real ids.
 */

let t: TTestDatabase;
let w: TSecurityWorld;

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

/** A body each route accepts, so a refusal comes from the access check and not from validation. */
function validBody(route: TRouteEntry): unknown {
  const { a } = w;
  const bodies: Record<string, unknown> = {
    'POST /api/accounts/connect/:platform': { opdId: a.opdId },
    'POST /api/accounts/connect/:grant/:id': { accounts: [{ platform: 'facebook', externalId: '123', opdId: a.opdId }] },
    'PUT /api/accounts/:id/queue-slots': { slots: [{ weekday: 1, time: '09:00' }] },
    'POST /api/posts': { accountIds: [a.accountId], text: 'Dari OPD lain', scheduledAt: inDays(2) },
    'POST /api/posts/check': { accountIds: [a.accountId], text: 'Dari OPD lain' },
    'PATCH /api/posts/:id': { text: 'Diubah OPD lain' },
    'POST /api/posts/:id/approve': { revision: 1 },
    'POST /api/posts/:id/reject': { revision: 1, comment: 'Tidak' },
    'PATCH /api/media/:id': { altText: 'Diubah' },
    'POST /api/deliveries/:id/mark-published': { url: 'https://x.com/dinas_a/status/1' },
    'POST /api/admin/watch-words': { word: 'kata-lain' },
    'PATCH /api/admin/watch-words/:id': { word: 'kata-lain' },
    'POST /api/admin/opds': { name: 'Dinas Baru', code: 'BARU' },
    'PATCH /api/admin/opds/:id': { name: 'Dinas Ganti' },
    'POST /api/admin/users': { username: 'baru', name: 'Orang Baru', password: 'kuda-laut-berlari-98', role: 'operator', opdIds: [] },
    'PATCH /api/admin/users/:id': { name: 'Nama Lain' },
  };
  return bodies[routeKey(route)] ?? (route.method === 'GET' || route.method === 'USE' ? undefined : {});
}

const SAMPLE_QUERY: Record<string, string> = {
  'GET /api/calendar': `?from=${encodeURIComponent(inDays(-30))}&to=${encodeURIComponent(inDays(30))}`,
  'GET /api/activity': `?from=${encodeURIComponent(inDays(-30))}&to=${encodeURIComponent(inDays(30))}`,
  'GET /api/activity.csv': `?from=${encodeURIComponent(inDays(-30))}&to=${encodeURIComponent(inDays(30))}`,
  'GET /api/activity/deliveries': `?from=${encodeURIComponent(inDays(-30))}&to=${encodeURIComponent(inDays(30))}&outcome=failed`,
  'GET /api/activity/series': `?from=${encodeURIComponent(inDays(-30))}&to=${encodeURIComponent(inDays(30))}`,
};

function call(client: ApiClient, route: TRouteEntry) {
  const method = route.method === 'USE' ? 'GET' : route.method;
  return client.request(method, samplePath(w, route) + (SAMPLE_QUERY[routeKey(route)] ?? ''), validBody(route));
}

const classed = (...access: string[]) => () => w.routes.filter((r) => access.includes(ROUTE_ACCESS[routeKey(r)]!));
const describeFailures = (rows: { route: string; status: number; expected: string }[]) => rows.map((r) => `${r.route} → ${r.status} (expected ${r.expected})`);

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  w = await startSecurityWorld({ database: t, redisUrl: testRedisUrl(), prefix: 'test-security-authz' });
});

afterAll(async () => {
  await w?.close();
  await t?.close();
});

describe('the route inventory', () => {
  it('when the app is built, then every route it registers is classified and every classified route exists', () => {
    const found = w.routes.map(routeKey);
    expect(found.length).toBeGreaterThan(50);
    expect(found.filter((key) => !(key in ROUTE_ACCESS)), 'routes the matrix does not classify').toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((key) => !found.includes(key)), 'classified routes that no longer exist').toEqual([]);
  });
});

describe('the authorization matrix', () => {
  it('when nobody is signed in, then every route but the public ones answers 401', async () => {
    const anonymous = await w.anonymous();
    const wrong = [];
    for (const route of classed('signed-in', 'own-opd', 'reviewer', 'admin')()) {
      const res = await call(anonymous, route);
      if (res.status !== 401) wrong.push({ route: routeKey(route), status: res.status, expected: '401' });
    }
    for (const route of classed('public')()) {
      const res = await call(anonymous, route);
      // /readyz answers 503 while no worker runs (none does here): a state, not a failure.
      const refused = res.status === 401 || (res.status >= 500 && !(route.path === '/readyz' && res.status === 503));
      if (refused) wrong.push({ route: routeKey(route), status: res.status, expected: 'not 401/5xx' });
    }
    expect(describeFailures(wrong)).toEqual([]);
  });

  it("when an operator of OPD B names OPD A's things, then every route answers 404 and nothing changes", async () => {
    const before = await snapshotTables(t.db);
    const wrong = [];
    for (const route of classed('own-opd')()) {
      if (route.path === '/api/media' || route.path === '/api/imports') continue; // multipart: below
      const res = await call(w.operatorB, route);
      if (res.status !== 404) wrong.push({ route: routeKey(route), status: res.status, expected: '404' });
    }
    expect(describeFailures(wrong)).toEqual([]);
    expect(await snapshotTables(t.db)).toEqual(before);
  });

  it("when an operator of OPD B uploads media into OPD A, then 404 and nothing is stored", async () => {
    const before = await snapshotTables(t.db);
    const form = new FormData();
    form.append('opdId', w.a.opdId);
    form.append('file', new Blob([Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')], { type: 'image/png' }), 'a.png');
    const jar = w.operatorB.jar;
    const res = await fetch(`${w.url}/api/media`, {
      method: 'POST',
      body: form,
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': decodeURIComponent(jar.get('siar_csrf')!) },
    });
    expect(res.status).toBe(404);
    expect(await snapshotTables(t.db)).toEqual(before);
  });

  it("when the operator of OPD A reads its own things, then they are found (the ids above are real)", async () => {
    const wrong = [];
    for (const route of classed('own-opd')().filter((r) => r.method === 'GET' && r.path.includes(':id') && !r.path.includes('/connect/'))) {
      const res = await call(w.operatorA, route);
      if (res.status !== 200) wrong.push({ route: routeKey(route), status: res.status, expected: '200' });
    }
    expect(describeFailures(wrong)).toEqual([]);
  });

  it("when an operator of OPD B lists anything, then none of OPD A's ids appear", async () => {
    const secrets = Object.values(w.a).filter((id) => id !== w.a.watchWordId);
    const wrong = [];
    for (const route of classed('signed-in')().filter((r) => r.method === 'GET')) {
      const res = await call(w.operatorB, route);
      const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
      if (res.status !== 200) wrong.push({ route: routeKey(route), status: res.status, expected: '200' });
      else if (secrets.some((id) => text.includes(id))) wrong.push({ route: routeKey(route), status: res.status, expected: "no id of OPD A's" });
    }
    expect(describeFailures(wrong)).toEqual([]);
    // The same lists do show OPD A's things to its own operator (the check above can fail).
    const own = await w.operatorA.get('/api/posts');
    expect(JSON.stringify(own.body)).toContain(w.a.postId);
  });

  it('when an operator calls a supervisor or admin action, then 403 (the queue board: 404) and nothing changes', async () => {
    const before = await snapshotTables(t.db);
    const wrong = [];
    for (const client of [w.operatorA, w.operatorB]) {
      for (const route of classed('reviewer', 'admin')()) {
        const expected = route.method === 'USE' ? 404 : 403;
        const res = await call(client, route);
        if (res.status !== expected) wrong.push({ route: routeKey(route), status: res.status, expected: String(expected) });
      }
    }
    expect(describeFailures(wrong)).toEqual([]);
    expect(await snapshotTables(t.db)).toEqual(before);
  });

  it('when a supervisor calls an admin-only action, then 403 and nothing changes; their own pages answer 200', async () => {
    const before = await snapshotTables(t.db);
    const wrong = [];
    for (const route of classed('admin')()) {
      const res = await call(w.supervisor, route);
      if (res.status !== 403) wrong.push({ route: routeKey(route), status: res.status, expected: '403' });
    }
    expect(await snapshotTables(t.db)).toEqual(before);
    for (const route of classed('reviewer', 'own-opd')().filter((r) => (r.method === 'GET' || r.method === 'USE') && !r.path.includes('/connect/'))) {
      const res = await call(w.supervisor, route);
      if (res.status !== 200) wrong.push({ route: routeKey(route), status: res.status, expected: '200' });
    }
    expect(describeFailures(wrong)).toEqual([]);
  });

  it('when an admin reads any page, then 200', async () => {
    const wrong = [];
    for (const route of w.routes.filter((r) => (r.method === 'GET' || r.method === 'USE') && ROUTE_ACCESS[routeKey(r)] !== 'public' && !r.path.includes('/connect/'))) {
      const res = await call(w.admin, route);
      if (res.status !== 200) wrong.push({ route: routeKey(route), status: res.status, expected: '200' });
    }
    expect(describeFailures(wrong)).toEqual([]);
  });
});
