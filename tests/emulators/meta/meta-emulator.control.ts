import { randomBytes } from 'node:crypto';
import { Router, type Response } from 'express';
import type { TEmuContext } from './meta-emulator.context';
import type { TMetaFaults } from './meta-emulator.faults';
import { str } from './meta-emulator.http';
import { newId } from './meta-emulator.state';

function bad(res: Response, detail: string) {
  res.status(400).json({ title: 'Bad Request', detail });
}

const body = (raw: unknown) => (raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {});

/**
 * `/_emulator/*`: what tests and the demo launcher drive. Register apps, people and Pages (with
 * static tokens), revoke tokens, fill an account's publishing quota, inject faults, move the
 * clock, tune processing, reset, and read everything that was posted and fetched.
 */
export function createControlRoutes(
  ctx: TEmuContext,
  o: { setFaults(patch: Record<string, unknown>): TMetaFaults; getFaults(): TMetaFaults; clock: { get(): number; advance(ms: number): void }; reset(): void; oauthStats(): unknown },
) {
  const { state } = ctx;
  const router = Router();

  router.post('/_emulator/apps', (req, res) => {
    const { appId, appSecret, redirectUris, name } = body(req.body);
    if (!str(appId) || !str(appSecret) || !Array.isArray(redirectUris) || !redirectUris.every((u) => typeof u === 'string' && URL.canParse(u))) return bad(res, 'appId, appSecret and redirectUris (absolute URLs) are required');
    state.apps = [...state.apps.filter((a) => a.appId !== appId), { appId: appId as string, appSecret: appSecret as string, redirectUris: redirectUris as string[], ...(str(name) ? { name: name as string } : {}) }];
    ctx.persist();
    res.status(204).end();
  });

  router.post('/_emulator/users', (req, res) => {
    const { id, name } = body(req.body);
    if (!str(id)) return bad(res, 'id is required');
    state.users = [...state.users.filter((u) => u.id !== id), { id: id as string, name: str(name) ?? (id as string) }];
    ctx.persist();
    res.status(204).end();
  });

  /** A Page (and its Instagram account); `accessToken` registers a Page token that never expires (demo, tests). */
  router.post('/_emulator/pages', (req, res) => {
    const b = body(req.body);
    const ig = body(b.instagram);
    if (!str(b.id) || !str(b.name)) return bad(res, 'id and name are required');
    if (b.instagram !== undefined && (!str(ig.id) || !str(ig.username))) return bad(res, 'instagram needs id and username');
    const userIds = Array.isArray(b.userIds) ? b.userIds.filter((u): u is string => typeof u === 'string') : [];
    const tasks = Array.isArray(b.tasks) ? b.tasks.filter((t): t is string => typeof t === 'string') : ['ANALYZE', 'ADVERTISE', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'];
    const page = { id: b.id as string, name: b.name as string, ...(str(b.username) ? { username: b.username as string } : {}), userIds, tasks, ...(b.instagram ? { instagram: { id: ig.id as string, username: ig.username as string, name: str(ig.name) ?? (ig.username as string) } } : {}) };
    state.pages = [...state.pages.filter((p) => p.id !== page.id), page];
    if (str(b.accessToken) && !state.tokens.some((t) => t.token === b.accessToken)) state.tokens.push({ token: b.accessToken as string, kind: 'page', pageId: page.id, scopes: ['pages_manage_posts', 'pages_read_engagement', 'instagram_basic', 'instagram_content_publish'] });
    ctx.persist();
    res.status(204).end();
  });

  /** Every token of the Page stops working (#190), as when a manager's session is invalidated. */
  router.post('/_emulator/pages/:id/revoke', (req, res) => {
    const revoked = state.tokens.filter((t) => t.kind === 'page' && t.pageId === req.params.id);
    for (const t of revoked) t.revoked = true;
    ctx.persist();
    res.json({ revoked: revoked.length });
  });

  /** `count` posts published by another tool through the API, `ageMs` ago: they count towards the quota. */
  router.post('/_emulator/instagram/:id/published', (req, res) => {
    const { count, ageMs } = body(req.body);
    if (typeof count !== 'number' || count < 1 || count > 500) return bad(res, 'count must be 1 to 500');
    const at = new Date(ctx.now() - (typeof ageMs === 'number' ? ageMs : 0)).toISOString();
    for (let i = 0; i < count; i++) {
      state.igMedia.push({ id: newId(state), igUserId: req.params.id, caption: `Posted elsewhere ${i + 1}`, mediaType: 'IMAGE', shortcode: randomBytes(8).toString('base64url').slice(0, 11), timestamp: at, viaApi: true, items: [] });
    }
    ctx.persist();
    res.status(204).end();
  });

  router.post('/_emulator/faults', (req, res) => res.json(o.setFaults(body(req.body))));
  router.get('/_emulator/faults', (_req, res) => res.json(o.getFaults()));
  router.post('/_emulator/config', (req, res) => {
    const b = body(req.body);
    for (const key of ['latencyMs', 'imagePolls', 'videoPolls', 'quotaTotal', 'longTokenTtlS'] as const) if (typeof b[key] === 'number' && b[key] >= 0) ctx.config[key] = b[key];
    res.json(ctx.config);
  });
  router.get('/_emulator/clock', (_req, res) => res.json({ nowMs: ctx.now(), offsetMs: o.clock.get() }));
  router.post('/_emulator/clock', (req, res) => {
    const { advanceMs } = body(req.body);
    if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) return bad(res, 'advanceMs must be a number ≥ 0');
    o.clock.advance(advanceMs);
    res.json({ nowMs: ctx.now(), offsetMs: o.clock.get() });
  });
  router.post('/_emulator/reset', (_req, res) => {
    o.reset();
    res.status(204).end();
  });
  /** Everything posted and fetched (never a token). */
  router.get('/_emulator/state', (_req, res) => {
    res.json({
      pages: state.pages,
      posts: state.posts,
      photos: state.photos,
      containers: state.containers,
      igMedia: state.igMedia,
      fetches: state.fetches,
      stats: { ...ctx.stats, ...(o.oauthStats() as object) },
    });
  });
  router.get('/_emulator/blobs/:sha256', (req, res) => {
    const blob = ctx.blobs.get(req.params.sha256);
    if (!blob) return res.status(404).end();
    res.type(blob.mime).send(blob.bytes);
  });
  return router;
}
