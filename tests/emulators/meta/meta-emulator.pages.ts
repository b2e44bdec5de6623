import { randomBytes } from 'node:crypto';
import { Router, type Request } from 'express';
import { auth, dropAnswer, dropAnswerAfterStore, injectedWriteFailure, pageFor, type TEmuContext } from './meta-emulator.context';
import { fetchMedia, graphError, pageOf, paramsOf, str } from './meta-emulator.http';
import { newId, type TMetaPage, type TMetaToken } from './meta-emulator.state';

const permissionError = (pageId: string) => `(#200) The token cannot act for Page ${pageId}: it needs pages_manage_posts as a manager of the Page`;

/** `attached_media` as JSON (an array of `{ media_fbid }`) or the form encoding `attached_media[0]={"media_fbid":…}`. */
function attachedIds(params: Record<string, unknown>): string[] | undefined {
  const raw = params.attached_media ?? Object.entries(params).filter(([k]) => /^attached_media\[\d+\]$/.test(k)).map(([, v]) => v);
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) return [];
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  if (!Array.isArray(list)) return undefined;
  const ids = list.map((item) => {
    const value = typeof item === 'string' ? (JSON.parse(item) as unknown) : item;
    return (value as { media_fbid?: unknown })?.media_fbid;
  });
  return ids.every((id) => typeof id === 'string') ? (ids as string[]) : undefined;
}

export function permalinkOf(req: Request, postId: string): string {
  const [pageId, local] = postId.split('_');
  return `${req.protocol}://${req.get('host')}/${pageId}/posts/${local}`;
}

/** The Page's issued token for a manager through this app, made once and reused. */
function pageTokenFor(ctx: TEmuContext, pageRow: TMetaPage, user: TMetaToken): string {
  const existing = ctx.state.tokens.find((t) => t.kind === 'page' && t.pageId === pageRow.id && t.userId === user.userId && t.appId === user.appId && !t.revoked);
  if (existing) return existing.token;
  const token = `EAAP${randomBytes(40).toString('base64url')}`;
  ctx.state.tokens.push({ token, kind: 'page', pageId: pageRow.id, userId: user.userId, appId: user.appId, scopes: user.scopes });
  ctx.persist();
  return token;
}

/**
 * The Pages API as Siar uses it: who the token is, the Pages a person manages (with Page tokens
 * and linked Instagram accounts), unpublished photo uploads fetched from a URL, feed posts with
 * `attached_media` or a link, videos from `file_url`, and the feed read back.
 */
export function createPagesRoutes(ctx: TEmuContext) {
  const router = Router({ mergeParams: true });
  const { state } = ctx;

  router.get('/me', (req, res) => {
    const token = auth(ctx, req, res);
    if (!token) return;
    if (token.kind === 'page') {
      const p = state.pages.find((x) => x.id === token.pageId)!;
      return res.json({ id: p.id, name: p.name, ...(p.username ? { username: p.username } : {}), ...(p.instagram ? { instagram_business_account: p.instagram } : {}) });
    }
    const user = state.users.find((u) => u.id === token.userId);
    res.json({ id: user?.id, name: user?.name });
  });

  router.get('/me/accounts', (req, res) => {
    const token = auth(ctx, req, res);
    if (!token) return;
    if (token.kind !== 'user') return graphError(res, 400, 100, '(#100) Tried accessing nonexisting field (accounts) on node type (Page)');
    if (!token.scopes.includes('pages_show_list')) return graphError(res, 403, 200, '(#200) Requires pages_show_list permission');
    const pages = state.pages.filter((p) => p.userIds.includes(token.userId!));
    const data = pages.map((p) => ({
      id: p.id,
      name: p.name,
      ...(p.username ? { username: p.username } : {}),
      access_token: pageTokenFor(ctx, p, token),
      category: 'Government Organization',
      tasks: p.tasks,
      ...(p.instagram && token.scopes.includes('instagram_basic') ? { instagram_business_account: p.instagram } : {}),
    }));
    res.json(pageOf(req, data, 25));
  });

  router.post('/:pageId/photos', async (req, res) => {
    const token = auth(ctx, req, res);
    if (!token) return;
    const pageRow = pageFor(ctx, token, String(req.params.pageId));
    if (!pageRow) return graphError(res, 403, 200, permissionError(String(req.params.pageId)));
    if (injectedWriteFailure(ctx, res)) return;
    const params = paramsOf(req);
    const fetched = await fetchMedia(state, params.url, 'image');
    if (!fetched.ok) return graphError(res, 400, 324, `(#324) Missing or invalid image file: ${fetched.reason}`);
    ctx.blobs.set(fetched.sha256, { mime: fetched.mime, bytes: fetched.bytes });
    const published = !(params.published === false || params.published === 'false');
    const id = newId(state);
    state.photos.push({ id, pageId: pageRow.id, mime: fetched.mime, bytes: fetched.bytes.length, sha256: fetched.sha256, altText: str(params.alt_text_custom), published, createdAt: new Date(ctx.now()).toISOString() });
    if (published) state.posts.push({ id: `${pageRow.id}_${newId(state)}`, pageId: pageRow.id, message: str(params.caption) ?? '', photoIds: [id], createdAt: new Date(ctx.now()).toISOString() });
    ctx.persist();
    res.json({ id });
  });

  router.post('/:pageId/feed', (req, res) => {
    const token = auth(ctx, req, res);
    if (!token) return;
    const pageRow = pageFor(ctx, token, String(req.params.pageId));
    if (!pageRow) return graphError(res, 403, 200, permissionError(String(req.params.pageId)));
    if (injectedWriteFailure(ctx, res)) return;
    const params = paramsOf(req);
    const message = typeof params.message === 'string' ? params.message : '';
    let ids: string[] | undefined;
    try {
      ids = attachedIds(params);
    } catch {
      ids = undefined;
    }
    if (!ids) return graphError(res, 400, 100, '(#100) param attached_media must be an array of objects with media_fbid');
    const photos = ids.map((id) => state.photos.find((p) => p.id === id));
    if (photos.some((p) => !p || p.pageId !== pageRow.id || p.published || p.attachedTo)) return graphError(res, 400, 100, '(#100) attached_media: a photo is unknown, not this Page\'s, or already used');
    if (!message && ids.length === 0 && !str(params.link)) return graphError(res, 400, 100, '(#100) Missing message or attachment');
    const since = ctx.now() - 24 * 3600_000;
    if (message && ids.length === 0 && state.posts.some((p) => p.pageId === pageRow.id && p.message === message && Date.parse(p.createdAt) >= since)) return graphError(res, 400, 506, '(#506) Duplicate status message');
    const post = { id: `${pageRow.id}_${newId(state)}`, pageId: pageRow.id, message, ...(str(params.link) ? { link: str(params.link) } : {}), photoIds: ids, createdAt: new Date(ctx.now()).toISOString() };
    for (const p of photos) p!.attachedTo = post.id;
    state.posts.push(post);
    ctx.stats.feedPosts += 1;
    ctx.persist();
    if (dropAnswerAfterStore(ctx)) return dropAnswer(ctx, req);
    res.json({ id: post.id });
  });

  router.post('/:pageId/videos', async (req, res) => {
    const token = auth(ctx, req, res);
    if (!token) return;
    const pageRow = pageFor(ctx, token, String(req.params.pageId));
    if (!pageRow) return graphError(res, 403, 200, permissionError(String(req.params.pageId)));
    if (injectedWriteFailure(ctx, res)) return;
    const params = paramsOf(req);
    const fetched = await fetchMedia(state, params.file_url, 'video');
    if (!fetched.ok) return graphError(res, 400, 351, `(#351) Sorry, there was a problem with your video file: ${fetched.reason}`);
    const videoId = newId(state);
    state.posts.push({ id: `${pageRow.id}_${newId(state)}`, pageId: pageRow.id, message: str(params.description) ?? '', photoIds: [], videoId, createdAt: new Date(ctx.now()).toISOString() });
    ctx.stats.feedPosts += 1;
    ctx.persist();
    if (dropAnswerAfterStore(ctx)) return dropAnswer(ctx, req);
    res.json({ id: videoId });
  });

  router.get('/:pageId/feed', (req, res) => {
    const token = auth(ctx, req, res);
    if (!token) return;
    const pageRow = pageFor(ctx, token, String(req.params.pageId));
    if (!pageRow) return graphError(res, 403, 200, permissionError(String(req.params.pageId)));
    const f = ctx.faults();
    if (f.readErrorNext > 0) {
      f.readErrorNext -= 1;
      return graphError(res, 500, 2, 'Service temporarily unavailable');
    }
    const since = Number(paramsOf(req).since ?? 0) * 1000;
    const posts = state.posts.filter((p) => p.pageId === pageRow.id && Date.parse(p.createdAt) >= since).reverse();
    res.json(pageOf(req, posts.map((p) => ({ id: p.id, message: p.message, created_time: p.createdAt.replace(/\.\d{3}Z$/, '+0000'), permalink_url: permalinkOf(req, p.id) })), 25));
  });

  return router;
}
