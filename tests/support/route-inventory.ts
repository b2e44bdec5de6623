import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { createLogger, createPublishQueue, createRedis, type TDatabase } from '@siar/shared/node';
import { createApp } from '../../server/src/app';
import { createPublishScheduler } from '../../server/src/libraries/queue/publish-scheduler';
import { ApiClient } from './api-client';
import { buildAccount, buildOpd, buildUser, type TTestDatabase } from './test-database';

/** One entry of the app's surface: a route (method + full path) or an opaque mount (`USE`). */
export interface TRouteEntry {
  method: string;
  path: string;
}

/** What router@2 (Express 5) keeps on each layer; `rawPath` is the path given to use()/route(). */
interface TLayer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: TLayer[] };
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function stringPath(value: unknown, where: string): string {
  // A RegExp or array path cannot be substituted into a request: refuse it rather than skip it.
  if (typeof value !== 'string') throw new Error(`route inventory: ${where} is mounted on a non-string path (${String(value)}); classify it by hand`);
  return value;
}

function walk(stack: TLayer[], prefix: string, out: TRouteEntry[]): void {
  for (const layer of stack) {
    if (layer.rawPath === undefined) throw new Error('route inventory: layer without rawPath (needs router >= 2.3, as Express 5.1+ ships)');
    if (layer.route) {
      const path = joinPath(prefix, stringPath(layer.route.path, prefix || '/'));
      for (const method of Object.keys(layer.route.methods)) out.push({ method: method === '_all' ? 'ALL' : method.toUpperCase(), path });
      continue;
    }
    const mount = stringPath(layer.rawPath, prefix || '/');
    if (Array.isArray(layer.handle?.stack)) walk(layer.handle.stack, joinPath(prefix, mount), out);
    // A plain handler under a path of its own (bull-board's board) is a surface too.
    else if (mount !== '/') out.push({ method: 'USE', path: joinPath(prefix, mount) });
  }
}

/**
 * Every route of an Express 5 app, found by walking `app.router.stack`: route layers give their
 * path and methods; router layers (a `handle.stack`) are entered with their mount path, read
 * from `layer.rawPath` (router@2 keeps the path it was given; it has no `regexp` to parse back).
 * Middleware mounted at '/' is not a surface; anything else mounted on a path is (`USE`).
 */
export function listRoutes(app: Express): TRouteEntry[] {
  const out: TRouteEntry[] = [];
  walk((app.router as unknown as { stack: TLayer[] }).stack, '', out);
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Who may use a route. `public`: no session needed; `signed-in`: any role (what it shows is
 * scoped to the person's OPDs); `own-opd`: its `:id` (or the OPD its body names) must belong to
 * one of an operator's OPDs, else 404; `reviewer`: supervisors and admins, operators 403;
 * `admin`: admins only, everyone else 403.
 */
export type TAccess = 'public' | 'signed-in' | 'own-opd' | 'reviewer' | 'admin';

/** Every route of the app, classified. A route missing here fails the matrix. */
export const ROUTE_ACCESS: Record<string, TAccess> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'USE /admin/queues': 'reviewer',
  // Signed and expiring: the signature, not a session, is the check.
  'GET /media/signed/:mediaId': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'signed-in',
  'POST /api/auth/password': 'signed-in',
  'POST /api/auth/reset-password/check': 'public',
  'POST /api/auth/reset-password': 'public',
  // A browser navigation back from the platform: the state it carries is the check.
  'GET /api/oauth/:platform/callback': 'public',
  'GET /api/accounts': 'signed-in',
  'GET /api/accounts/spend': 'signed-in',
  'POST /api/accounts/connect/:platform': 'own-opd',
  'GET /api/accounts/connect/:grant/:id': 'own-opd',
  'POST /api/accounts/connect/:grant/:id': 'own-opd',
  'DELETE /api/accounts/:id': 'own-opd',
  'GET /api/accounts/:id/queue-slots': 'own-opd',
  'PUT /api/accounts/:id/queue-slots': 'own-opd',
  'GET /api/queue': 'signed-in',
  'GET /api/posts': 'signed-in',
  'POST /api/posts': 'own-opd',
  'POST /api/posts/check': 'own-opd',
  'GET /api/posts/:id': 'own-opd',
  'PATCH /api/posts/:id': 'own-opd',
  'POST /api/posts/:id/cancel': 'own-opd',
  'POST /api/posts/:id/publish-now': 'own-opd',
  'GET /api/approvals': 'reviewer',
  'GET /api/approvals/count': 'reviewer',
  'POST /api/posts/:id/approve': 'reviewer',
  'POST /api/posts/:id/reject': 'reviewer',
  'GET /api/posts/:id/history': 'own-opd',
  'GET /api/notifications': 'signed-in',
  'POST /api/notifications/read': 'signed-in',
  'GET /api/notifications/settings': 'signed-in',
  'PUT /api/notifications/settings': 'signed-in',
  'GET /api/calendar': 'signed-in',
  'POST /api/media': 'own-opd',
  'GET /api/media/:id': 'own-opd',
  'PATCH /api/media/:id': 'own-opd',
  'GET /api/media/:id/file': 'own-opd',
  'GET /api/media/:id/thumbnail': 'own-opd',
  'GET /api/imports/template.csv': 'signed-in',
  'GET /api/imports': 'signed-in',
  'POST /api/imports': 'own-opd',
  'GET /api/imports/:id': 'own-opd',
  'POST /api/imports/:id/commit': 'own-opd',
  'POST /api/imports/:id/discard': 'own-opd',
  'POST /api/deliveries/:id/retry': 'own-opd',
  'POST /api/deliveries/:id/mark-published': 'own-opd',
  'POST /api/deliveries/:id/cancel': 'own-opd',
  'GET /api/admin/watch-words': 'admin',
  'POST /api/admin/watch-words': 'admin',
  'PATCH /api/admin/watch-words/:id': 'admin',
  'DELETE /api/admin/watch-words/:id': 'admin',
  'GET /api/admin/opds': 'admin',
  'POST /api/admin/opds': 'admin',
  'PATCH /api/admin/opds/:id': 'admin',
  'GET /api/admin/users': 'admin',
  'POST /api/admin/users': 'admin',
  'PATCH /api/admin/users/:id': 'admin',
  'POST /api/admin/users/:id/deactivate': 'admin',
  'POST /api/admin/users/:id/reactivate': 'admin',
  'POST /api/admin/users/:id/reset-link': 'admin',
  'GET /api/audit': 'reviewer',
  'GET /api/audit/actors': 'reviewer',
  'GET /api/audit.csv': 'reviewer',
  // The activity overview: Diskominfo's page, scoped to an operator's own OPDs for operators.
  'GET /api/activity': 'signed-in',
  'GET /api/activity.csv': 'signed-in',
  'GET /api/activity/deliveries': 'signed-in',
  'GET /api/activity/series': 'signed-in',
};

export const routeKey = (r: TRouteEntry) => `${r.method} ${r.path}`;

/** Columns that legitimately move on reads (a session's idle clock). */
const VOLATILE: Record<string, string[]> = { session: ['last_seen_at'] };

/** Row count and a hash of every row of every table (migrations' own tables aside). */
export async function snapshotTables(db: TDatabase): Promise<Record<string, string>> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_')).sort();
  const out: Record<string, string> = {};
  for (const name of tables) {
    const rows = (await db.selectFrom(name as 'opd').selectAll().execute()) as Record<string, unknown>[];
    const lines = rows.map((row) => JSON.stringify(Object.entries(row).filter(([k]) => !VOLATILE[name]?.includes(k)).sort(([a], [b]) => a.localeCompare(b)))).sort();
    out[name] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

export interface TSecurityWorld {
  url: string;
  routes: TRouteEntry[];
  /** OPD A's things, which operator B must never reach. */
  a: { opdId: string; accountId: string; postId: string; deliveryId: string; mediaId: string; importId: string; watchWordId: string; userId: string };
  ids: { opdB: string; accountB: string };
  admin: ApiClient;
  supervisor: ApiClient;
  operatorA: ApiClient;
  operatorB: ApiClient;
  /** A client with a CSRF cookie and no session. */
  anonymous(): Promise<ApiClient>;
  close(): Promise<void>;
}

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function signedIn(url: string, username: string): Promise<ApiClient> {
  const client = new ApiClient(url);
  const res = await client.login(username, 'Test-Password-123');
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return client;
}

/**
 * The real app (as startTestApp builds it) with its route inventory, two OPDs, one user per
 * role and one of each OPD-owned thing in OPD A: an account, a scheduled post and its delivery,
 * a media item (file on disk), an import, a watch-word.
 */
export async function startSecurityWorld(o: { database: TTestDatabase; redisUrl: string; prefix: string }): Promise<TSecurityWorld> {
  const { db, ring } = o.database;
  const logger = createLogger({ name: 'test-server', level: 'silent' });
  const redis = createRedis(o.redisUrl, 'producer');
  redis.on('error', () => undefined);
  const queue = createPublishQueue(redis, o.prefix);
  queue.on('error', () => undefined);
  const mediaDir = mkdtempSync(join(tmpdir(), 'siar-test-media-'));
  const app = createApp({ db, redis, scheduler: createPublishScheduler(queue, redis, logger), queues: [queue], prefix: o.prefix, logger, trustProxy: 0, ring, adapters: new Map(), mediaDir });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const opdA = await buildOpd(db, { name: 'Dinas A' });
  const opdB = await buildOpd(db, { name: 'Dinas B' });
  const accountA = await buildAccount(db, ring, { opdId: opdA.id, handle: 'dinas_a' });
  const accountB = await buildAccount(db, ring, { opdId: opdB.id, handle: 'dinas_b' });
  await buildUser(db, { username: 'sec-admin', role: 'admin' });
  await buildUser(db, { username: 'sec-sup', role: 'supervisor' });
  const userA = await buildUser(db, { username: 'sec-op-a', role: 'operator', opdIds: [opdA.id] });
  await buildUser(db, { username: 'sec-op-b', role: 'operator', opdIds: [opdB.id] });
  const [admin, supervisor, operatorA, operatorB] = await Promise.all(['sec-admin', 'sec-sup', 'sec-op-a', 'sec-op-b'].map((u) => signedIn(url, u)));

  const post = await operatorA!.post('/api/posts', { accountIds: [accountA.id], text: 'Jadwal posyandu OPD A', scheduledAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
  if (post.status !== 201) throw new Error(`seed post: ${post.status} ${JSON.stringify(post.body)}`);
  const mediaId = randomUUID();
  const now = new Date().toISOString();
  mkdirSync(join(mediaDir, opdA.id), { recursive: true });
  writeFileSync(join(mediaDir, opdA.id, `${mediaId}.png`), PNG_1X1);
  await db
    .insertInto('media')
    .values({ id: mediaId, opd_id: opdA.id, kind: 'image', mime: 'image/png', bytes: PNG_1X1.length, width: 1, height: 1, sha256: createHash('sha256').update(PNG_1X1).digest('hex'), path: `${opdA.id}/${mediaId}.png`, alt_text: null, thumbnail_path: `${opdA.id}/${mediaId}.png`, created_at: now })
    .execute();
  const importId = randomUUID();
  await db
    .insertInto('import_batch')
    .values({ id: importId, opd_id: opdA.id, created_by: userA.id, committed_by: null, status: 'preview', file_name: 'a.csv', total_rows: 0, valid_rows: 0, invalid_rows: 0, processed_rows: 0, created_posts: 0, failed_rows: 0, created_at: now, updated_at: now })
    .execute();
  const word = await admin!.post('/api/admin/watch-words', { word: 'kata-uji-keamanan' });
  if (word.status !== 201) throw new Error(`seed watch-word: ${word.status}`);

  return {
    url,
    routes: listRoutes(app),
    a: { opdId: opdA.id, accountId: accountA.id, postId: post.body.id, deliveryId: post.body.deliveries[0].id, mediaId, importId, watchWordId: word.body.id, userId: userA.id },
    ids: { opdB: opdB.id, accountB: accountB.id },
    admin: admin!,
    supervisor: supervisor!,
    operatorA: operatorA!,
    operatorB: operatorB!,
    anonymous: async () => {
      const client = new ApiClient(url);
      await client.get('/api/auth/me');
      return client;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await queue.close().catch(() => undefined);
      redis.disconnect();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

/** The route's path with OPD A's ids (and harmless fillers) in place of its parameters. */
export function samplePath(world: Pick<TSecurityWorld, 'a'>, route: TRouteEntry): string {
  const { a } = world;
  const idFor: [RegExp, string][] = [
    [/^\/api\/(posts|deliveries)\/:id/, ''],
    [/^\/api\/admin\/opds\/:id/, a.opdId],
    [/^\/api\/admin\/users\/:id/, a.userId],
    [/^\/api\/admin\/watch-words\/:id/, a.watchWordId],
    [/^\/api\/accounts\/connect\//, randomUUID()],
    [/^\/api\/accounts\/:id/, a.accountId],
    [/^\/api\/media\/:id/, a.mediaId],
    [/^\/api\/imports\/:id/, a.importId],
  ];
  let path = route.path;
  if (path.startsWith('/api/posts/:id')) path = path.replace(':id', a.postId);
  if (path.startsWith('/api/deliveries/:id')) path = path.replace(':id', a.deliveryId);
  for (const [pattern, id] of idFor) if (id && pattern.test(path)) path = path.replace(':id', id);
  path = path.replace(':mediaId', a.mediaId).replace(':platform', 'x').replace(':grant', 'meta');
  if (/:[a-zA-Z]/.test(path)) throw new Error(`samplePath: no sample for a parameter of ${route.path}; add one`);
  return path;
}
