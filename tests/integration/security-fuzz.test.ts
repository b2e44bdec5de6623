import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ZAddChosenAccountsRequest,
  ZApproveRequest,
  ZChangePasswordRequest,
  ZCreateOpdRequest,
  ZCreatePostRequest,
  ZCreateUserRequest,
  ZId,
  ZLoginRequest,
  ZMarkNotificationsReadRequest,
  ZMarkPublishedRequest,
  ZPostCheckRequest,
  ZQueueSlotsRequest,
  ZRejectRequest,
  ZResetPasswordRequest,
  ZResetTokenRequest,
  ZUpdateMediaRequest,
  ZUpdateNotificationSettingsRequest,
  ZUpdateOpdRequest,
  ZUpdatePostRequest,
  ZUpdateUserRequest,
  ZWatchWordRequest,
} from '@siar/shared';
import type { ApiClient } from '../support/api-client';
import { routeKey, samplePath, snapshotTables, startSecurityWorld, type TRouteEntry, type TSecurityWorld } from '../support/route-inventory';
import { createTestDatabase, type TTestDatabase } from '../support/test-database';
import { testDatabaseOptions, testRedisUrl } from '../support/test-redis';

/**
 * Fuzz (issue #5): random and malformed input to every endpoint, as an admin and as an
 * operator with OPD A's real ids: never a 5xx, and not one row of any table changes. Bodies
 * are drawn only outside the route's schema (a valid one may legitimately write); routes that
 * take no body get only broken JSON text; GETs get random queries.
 */

const SEED = 20_240_805;
const RUNS = 50;

/** What each unsafe route reads from its body. `none`: the body is ignored (the action would run); `multipart`: an upload, never JSON. */
const BODY: Record<string, z.ZodType | 'none' | 'multipart'> = {
  'POST /api/auth/login': ZLoginRequest,
  'POST /api/auth/logout': 'none',
  'POST /api/auth/password': ZChangePasswordRequest,
  'POST /api/auth/reset-password/check': ZResetTokenRequest,
  'POST /api/auth/reset-password': ZResetPasswordRequest,
  'POST /api/accounts/connect/:platform': z.object({ opdId: ZId }),
  'POST /api/accounts/connect/:grant/:id': ZAddChosenAccountsRequest,
  'DELETE /api/accounts/:id': 'none',
  'PUT /api/accounts/:id/queue-slots': ZQueueSlotsRequest,
  'POST /api/posts': ZCreatePostRequest,
  'POST /api/posts/check': ZPostCheckRequest,
  'PATCH /api/posts/:id': ZUpdatePostRequest,
  'POST /api/posts/:id/cancel': 'none',
  'POST /api/posts/:id/publish-now': 'none',
  'POST /api/posts/:id/approve': ZApproveRequest,
  'POST /api/posts/:id/reject': ZRejectRequest,
  'POST /api/notifications/read': ZMarkNotificationsReadRequest,
  'PUT /api/notifications/settings': ZUpdateNotificationSettingsRequest,
  'POST /api/media': 'multipart',
  'PATCH /api/media/:id': ZUpdateMediaRequest,
  'POST /api/imports': 'multipart',
  'POST /api/imports/:id/commit': 'none',
  'POST /api/imports/:id/discard': 'none',
  'POST /api/deliveries/:id/retry': 'none',
  'POST /api/deliveries/:id/mark-published': ZMarkPublishedRequest,
  'POST /api/deliveries/:id/cancel': 'none',
  'POST /api/admin/watch-words': ZWatchWordRequest,
  'PATCH /api/admin/watch-words/:id': ZWatchWordRequest,
  'DELETE /api/admin/watch-words/:id': 'none',
  'POST /api/admin/opds': ZCreateOpdRequest,
  'PATCH /api/admin/opds/:id': ZUpdateOpdRequest,
  'POST /api/admin/users': ZCreateUserRequest,
  'PATCH /api/admin/users/:id': ZUpdateUserRequest,
  'POST /api/admin/users/:id/deactivate': 'none',
  'POST /api/admin/users/:id/reactivate': 'none',
  'POST /api/admin/users/:id/reset-link': 'none',
};

const FIELD_NAMES = ['text', 'accountIds', 'scheduledAt', 'revision', 'comment', 'opdId', 'opdIds', 'slots', 'weekday', 'time', 'url', 'altText', 'word', 'name', 'code', 'role', 'username', 'password', 'newPassword', 'currentPassword', 'token', 'ids', 'all', 'email', 'accounts', 'threadParts', 'variants', 'requiresApproval', 'weeklyTarget'];
const QUERY_NAMES = ['from', 'to', 'opdId', 'accountId', 'status', 'cursor', 'limit', 'month', 'days', 'rows', 'actorId', 'action', 'outcome', 'q', 'unread', '__proto__', 'constructor'];

const nested = (depth: number): unknown => Array.from({ length: depth }).reduce<unknown>((inner) => ({ a: [inner] }), 1);
/** Nesting deeper than JSON.stringify would go, written as text. */
const deepText = fc.integer({ min: 1_000, max: 20_000 }).map((n) => `${'{"text":['.repeat(n)}1${']}'.repeat(n)}`);

/** Values of every JSON shape, with the ones that break naive code weighted in. */
const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }).map((v) => JSON.parse(JSON.stringify(v) ?? 'null') as unknown),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.integer({ min: 5_000, max: 300_000 }).map((n) => '𝕏ا'.repeat(n)),
  fc.integer({ min: 20, max: 300 }).map(nested),
  fc.constantFrom(null, true, 0, -1, 1e308, -0, '', [], {}, [null], 'null', '1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'),
);

/** Objects that look like a request: the known field names with wrong values, and pollution keys. */
const shaped: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELD_NAMES), nasty, { maxKeys: 6 }),
  fc.array(fc.dictionary(fc.constantFrom(...FIELD_NAMES), nasty, { maxKeys: 4 }), { maxLength: 3 }),
  nasty,
);

/** JSON text that names `__proto__`/`constructor` as own keys (JSON.stringify of an object would drop them). */
const pollution: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.constantFrom(...FIELD_NAMES), fc.jsonValue({ maxDepth: 2 }))
  .map(([evil, field, value]) => `{"${evil}":{"${field}":${JSON.stringify(value)},"role":"admin","isAdmin":true},"${field}":{"${evil}":{"polluted":1}}}`);

/** Text that is not JSON at all (or not UTF-8 JSON). */
const brokenJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('{', '{"a":', '[1,2', "{'a':1}", 'nul', '{"a":1}}', '\u0000', '{"a":01}', 'NaN', '{"a":undefined}'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);

/** A path parameter: OPD A's real id, or garbage (percent-encoded so it reaches the route). */
const idParam = fc.oneof(fc.constant(undefined), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), fc.constantFrom('..', '%00', 'null', '00000000-0000-0000-0000-000000000000', 'a'.repeat(5000)));

const queryOf = fc.array(fc.tuple(fc.constantFrom(...QUERY_NAMES), fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('', '-1', '0', '1e400', '2024-02-30', '9999-99', 'true', 'a'.repeat(3000)))), { maxLength: 6 });

let t: TTestDatabase;
let w: TSecurityWorld;

function pathWith(route: TRouteEntry, id: string | undefined): string {
  const real = samplePath(w, route);
  if (id === undefined || !route.path.includes(':id')) return real;
  const at = route.path.indexOf(':id');
  const before = real.slice(0, at);
  const after = route.path.slice(at + 3);
  return `${before}${encodeURIComponent(id)}${after}`;
}

async function fuzzRoute(client: ApiClient, route: TRouteEntry, who: string) {
  const key = routeKey(route);
  const spec = BODY[key];
  const invalidBody = spec && spec !== 'none' && spec !== 'multipart' ? shaped.filter((v) => !spec.safeParse(v).success) : shaped;
  const body =
    spec === 'none'
      ? brokenJson.map((raw) => ({ raw }))
      : fc.oneof(invalidBody.map((value) => ({ raw: JSON.stringify(value) ?? 'null' })), brokenJson.map((raw) => ({ raw })), deepText.map((raw) => ({ raw })), pollution.filter((raw) => spec === 'multipart' || (spec !== undefined && !spec.safeParse(JSON.parse(raw)).success)).map((raw) => ({ raw })));
  const before = await snapshotTables(t.db);
  await fc.assert(
    fc.asyncProperty(idParam, body, async (id, { raw }) => {
      const res = await client.request(route.method, pathWith(route, id), undefined, { raw });
      if (res.status >= 500) throw new Error(`${who} ${key} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)} for ${raw.slice(0, 200)}`);
      // Broken JSON never reaches a handler; invalid bodies never succeed.
      if (res.status < 400 && key !== 'POST /api/posts/check') throw new Error(`${who} ${key} accepted ${JSON.stringify(raw.slice(0, 200))} → ${res.status}`);
      return true;
    }),
    { seed: SEED, numRuns: RUNS },
  );
  expect(await snapshotTables(t.db), `${who} ${key} changed rows`).toEqual(before);
}

/** Writes a GET may make by design: a refused OAuth return is audited (account.connect_refused). */
const GET_WRITES: Record<string, string[]> = { 'GET /api/oauth/:platform/callback': ['audit_event'] };

const without = (snapshot: Record<string, string>, tables: string[] = []) => Object.fromEntries(Object.entries(snapshot).filter(([name]) => !tables.includes(name)));

async function fuzzQuery(client: ApiClient, route: TRouteEntry, who: string) {
  const key = routeKey(route);
  const before = without(await snapshotTables(t.db), GET_WRITES[key]);
  const auditBefore = await t.db.selectFrom('audit_event').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  await fc.assert(
    fc.asyncProperty(idParam, queryOf, async (id, pairs) => {
      const query = new URLSearchParams(pairs).toString();
      const res = await client.request('GET', `${pathWith(route, id)}${query ? `?${query}` : ''}`);
      if (res.status >= 500 && !(route.path === '/readyz' && res.status === 503)) throw new Error(`${who} ${key}?${query.slice(0, 300)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      return true;
    }),
    { seed: SEED, numRuns: RUNS },
  );
  expect(without(await snapshotTables(t.db), GET_WRITES[key]), `${who} ${key} changed rows`).toEqual(before);
  if (GET_WRITES[key]) {
    const added = await t.db.selectFrom('audit_event').select('action').where('seq', '>', auditBefore?.seq ?? 0).execute();
    expect(new Set(added.map((e) => e.action))).toEqual(new Set(['account.connect_refused']));
  }
}

beforeAll(async () => {
  t = await createTestDatabase(testDatabaseOptions());
  w = await startSecurityWorld({ database: t, redisUrl: testRedisUrl(), prefix: 'test-security-fuzz' });
});

afterAll(async () => {
  await w?.close();
  await t?.close();
});

describe(`fuzz (fast-check seed ${SEED}, ${RUNS} runs per route and role)`, () => {
  it('when the app is built, then every unsafe route says what its body is', () => {
    const unsafe = w.routes.filter((r) => r.method !== 'GET' && r.method !== 'USE').map(routeKey);
    expect(unsafe.filter((key) => !(key in BODY)), 'unsafe routes the fuzz does not know').toEqual([]);
  });

  for (const who of ['admin', 'operator'] as const) {
    it(`when ${who === 'admin' ? 'an admin' : 'an operator of OPD A'} sends malformed bodies to every unsafe route, then never a 5xx and no row changes`, { timeout: 120_000 }, async () => {
      const client = who === 'admin' ? w.admin : w.operatorA;
      for (const route of w.routes.filter((r) => r.method !== 'GET' && r.method !== 'USE' && r.path !== '/api/auth/logout')) await fuzzRoute(client, route, who);
    });

    it(`when ${who === 'admin' ? 'an admin' : 'an operator of OPD A'} sends random queries to every GET route, then never a 5xx and no row changes`, { timeout: 120_000 }, async () => {
      const client = who === 'admin' ? w.admin : w.operatorA;
      for (const route of w.routes.filter((r) => r.method === 'GET')) await fuzzQuery(client, route, who);
    });
  }

  it('when logout gets broken JSON, then 400 and the session survives', async () => {
    const route = w.routes.find((r) => r.path === '/api/auth/logout')!;
    await fuzzRoute(w.operatorA, route, 'operator');
    expect((await w.operatorA.get('/api/auth/me')).status).toBe(200);
  });
});
