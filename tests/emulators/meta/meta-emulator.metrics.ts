import { Router, type Request, type Response } from 'express';
import { igPageFor, pageFor, type TEmuContext } from './meta-emulator.context';
import { graphError, paramsOf } from './meta-emulator.http';
import type { TMetaToken } from './meta-emulator.state';

/** Graph answers at most this many ids in one multiple-id read (`GET /?ids=…`). */
export const MAX_IDS_PER_READ = 50;

export interface TSetEngagement {
  likes: number;
  comments: number;
  /** Facebook posts only (a video or an Instagram post has no share count). */
  shares: number;
}

/** The node types that carry engagement, and the fields each answers. */
type TNodeType = 'Post' | 'Video' | 'IGMedia';
const FIELDS: Record<TNodeType, readonly string[]> = {
  Post: ['id', 'message', 'created_time', 'permalink_url', 'reactions', 'comments', 'shares'],
  Video: ['id', 'description', 'created_time', 'permalink_url', 'reactions', 'comments'],
  IGMedia: ['id', 'caption', 'media_type', 'timestamp', 'permalink', 'like_count', 'comments_count'],
};
export const ENGAGEMENT_FIELDS = new Set(['reactions', 'comments', 'shares', 'like_count', 'comments_count']);

interface TNode {
  id: string;
  type: TNodeType;
  createdAt: string;
}

/** `reactions.summary(true).limit(0),shares` → ['reactions', 'shares']: each field's name, nested parts ignored. */
export function fieldNames(raw: unknown): string[] {
  if (typeof raw !== 'string' || raw === '') return [];
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of raw) {
    if (ch === '(' || ch === '{') depth += 1;
    if (ch === ')' || ch === '}') depth -= 1;
    if (ch === ',' && depth === 0) {
      names.push(current);
      current = '';
    } else current += ch;
  }
  names.push(current);
  return names.map((n) => n.trim().split(/[.{(]/)[0]!).filter(Boolean);
}

/** Grows with the post's age on the emulator's clock, deterministically (no randomness). */
function grown(node: TNode, nowMs: number): TSetEngagement {
  const minutes = Math.max(0, (nowMs - Date.parse(node.createdAt)) / 60_000);
  const likes = (Number(node.id.replace(/\D/g, '').slice(-2)) % 7) + Math.floor(2 * Math.sqrt(minutes));
  return { likes, comments: Math.floor(likes / 6), shares: node.type === 'Post' ? Math.floor(likes / 4) : 0 };
}

/**
 * Engagement as Graph answers it: `reactions` and `comments` edges with a `summary.total_count`
 * (and no items, as asked with `.limit(0)`), `shares { count }` on a Page post (left out at
 * zero, as Graph does), `like_count` and `comments_count` on an Instagram post. Set by tests
 * through POST /_emulator/engagement `{ id, likes, comments, shares? }`; otherwise they grow with
 * the post's age. `GET /?ids=…` (at most 50) refuses the whole read with #100 when any id is
 * unknown or not the token's to read, and asking a node for a field its type has not is #100
 * too; `readThrottleNext` throttles the next reads.
 */
export function createEngagement(ctx: TEmuContext) {
  const set = new Map<string, TSetEngagement>();

  const nodeOf = (token: TMetaToken, id: string): TNode | undefined => {
    const post = ctx.state.posts.find((p) => p.id === id || (p.videoId !== undefined && p.videoId === id));
    if (post && pageFor(ctx, token, post.pageId)) return { id, type: post.videoId === id ? 'Video' : 'Post', createdAt: post.createdAt };
    const media = ctx.state.igMedia.find((m) => m.id === id);
    if (media && igPageFor(ctx, token, media.igUserId)) return { id, type: 'IGMedia', createdAt: media.timestamp };
    return undefined;
  };

  /** The engagement fields asked of one node, or the #100 Graph answers for a field its type has not. */
  const engagementOf = (node: TNode, names: string[]): { ok: true; fields: Record<string, unknown> } | { ok: false; message: string } => {
    const missing = names.find((n) => !FIELDS[node.type].includes(n));
    if (missing) return { ok: false, message: `(#100) Tried accessing nonexisting field (${missing}) on node type (${node.type})` };
    const m = set.get(node.id) ?? grown(node, ctx.now());
    const edge = (total: number) => ({ data: [], summary: { total_count: total } });
    const fields: Record<string, unknown> = {};
    if (names.includes('reactions')) fields.reactions = edge(m.likes);
    if (names.includes('comments')) fields.comments = { ...edge(m.comments), summary: { order: 'chronological', total_count: m.comments, can_comment: true } };
    if (names.includes('shares') && m.shares > 0) fields.shares = { count: m.shares };
    if (names.includes('like_count')) fields.like_count = m.likes;
    if (names.includes('comments_count')) fields.comments_count = m.comments;
    return { ok: true, fields };
  };

  /** Sends the throttling answer when one is injected for reads. */
  const throttledRead = (res: Response): boolean => {
    const f = ctx.faults();
    if (f.readThrottleNext <= 0) return false;
    f.readThrottleNext -= 1;
    const usage = JSON.stringify({ '0': [{ type: 'pages', call_count: 100, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: f.regainMinutes }] });
    graphError(res, 400, f.throttleCode, `(#${f.throttleCode}) Page request limit reached`, { headers: { 'x-business-use-case-usage': usage } });
    return true;
  };

  const router = Router({ mergeParams: true });
  router.post('/_emulator/engagement', (req, res) => {
    const { id, likes, comments, shares } = (req.body ?? {}) as Record<string, unknown>;
    const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
    const known = typeof id === 'string' && (ctx.state.posts.some((p) => p.id === id || p.videoId === id) || ctx.state.igMedia.some((m) => m.id === id));
    if (!known) return res.status(400).json({ error: 'id must name a stored post, video or Instagram post' });
    if (!isCount(likes) || !isCount(comments) || (shares !== undefined && !isCount(shares))) return res.status(400).json({ error: 'likes, comments (and shares) must be integers ≥ 0' });
    set.set(id, { likes, comments, shares: shares ?? 0 });
    res.status(204).end();
  });
  /** A post deleted on Facebook or Instagram: it is gone from every read. */
  router.post('/_emulator/delete', (req, res) => {
    const id = (req.body as { id?: unknown } | undefined)?.id;
    const before = ctx.state.posts.length + ctx.state.igMedia.length;
    ctx.state.posts = ctx.state.posts.filter((p) => p.id !== id && p.videoId !== id);
    ctx.state.igMedia = ctx.state.igMedia.filter((m) => m.id !== id);
    if (ctx.state.posts.length + ctx.state.igMedia.length === before) return res.status(404).json({ error: 'no such post' });
    ctx.persist();
    res.status(204).end();
  });

  return {
    controlRouter: router,
    /** `GET /{version}/?ids=…&fields=…`: each id's fields, keyed by id, or one refusal for all. */
    readMany(req: Request, res: Response, token: TMetaToken) {
      const params = paramsOf(req);
      const ids = typeof params.ids === 'string' ? params.ids.split(',').filter(Boolean) : [];
      if (ids.length === 0) return graphError(res, 400, 100, '(#100) The parameter ids is required');
      if (ids.length > MAX_IDS_PER_READ) return graphError(res, 400, 100, `(#100) Too many IDs. Maximum: ${MAX_IDS_PER_READ}.`);
      ctx.stats.engagementReads += 1;
      if (throttledRead(res)) return;
      const names = fieldNames(params.fields);
      const nodes = ids.map((id) => nodeOf(token, id));
      const unknown = ids.filter((_id, i) => !nodes[i]);
      if (unknown.length) return graphError(res, 400, 100, `(#100) Some of the aliases you requested do not exist: ${unknown.join(',')}`);
      const answer: Record<string, unknown> = {};
      for (const node of nodes as TNode[]) {
        const result = engagementOf(node, names.filter((n) => n !== 'id'));
        if (!result.ok) return graphError(res, 400, 100, result.message);
        answer[node.id] = { id: node.id, ...result.fields };
      }
      res.json(answer);
    },
    /**
     * The engagement fields asked of one node by `GET /{id}`, merged into its usual answer; false
     * when the answer was sent (a throttle, or a field the node's type has not).
     */
    readOne(req: Request, res: Response, token: TMetaToken, id: string): Record<string, unknown> | false {
      const names = fieldNames(paramsOf(req).fields).filter((n) => ENGAGEMENT_FIELDS.has(n));
      const node = names.length ? nodeOf(token, id) : undefined;
      if (!node) return {};
      ctx.stats.engagementNodeReads += 1;
      if (throttledRead(res)) return false;
      const result = engagementOf(node, names);
      if (!result.ok) {
        graphError(res, 400, 100, result.message);
        return false;
      }
      return result.fields;
    },
    reset: () => set.clear(),
  };
}
