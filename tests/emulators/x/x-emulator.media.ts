import { createHash, randomBytes } from 'node:crypto';
import busboy from 'busboy';
import { Router, type Request, type Response } from 'express';
import { problem } from './x-emulator.http';
import type { TEmuUser } from './x-emulator.state';

/** X's v2 media limits: images 5 MB, GIFs 15 MB, video 512 MB. */
const LIMITS: Record<string, number> = { 'image/jpeg': 5 << 20, 'image/png': 5 << 20, 'image/webp': 5 << 20, 'image/gif': 15 << 20, 'video/mp4': 512 << 20 };

export interface TEmuMedia {
  id: string;
  ownerId: string;
  mediaType: string;
  totalBytes: number;
  chunks: Map<number, Buffer>;
  state: 'uploading' | 'pending' | 'in_progress' | 'succeeded';
  altText?: string;
}

function readAppend(req: Request): Promise<{ index: number; bytes: Buffer } | undefined> {
  return new Promise((resolve) => {
    let index: number | undefined;
    const parts: Buffer[] = [];
    let parser;
    try {
      parser = busboy({ headers: req.headers });
    } catch {
      return resolve(undefined);
    }
    parser.on('field', (name, value) => {
      if (name === 'segment_index') index = Number(value);
    });
    parser.on('file', (_name, stream) => stream.on('data', (d: Buffer) => parts.push(d)));
    parser.on('close', () => resolve(index === undefined || Number.isNaN(index) ? undefined : { index, bytes: Buffer.concat(parts) }));
    parser.on('error', () => resolve(undefined));
    req.pipe(parser);
  });
}

/**
 * X's v2 chunked media upload as twitter-api-v2 1.29 drives it: initialize → append (multipart,
 * one segment per call) → finalize → STATUS polling while a video "processes"; alt text through
 * POST /2/media/metadata. Media belongs to its uploader and expires unused after a day.
 */
export function createMediaRoutes(deps: { authUser: (req: Request, res: Response, scopes?: string[]) => TEmuUser | undefined }) {
  const media = new Map<string, TEmuMedia>();
  const router = Router();
  const own = (req: Request, res: Response, id: string) => {
    const user = deps.authUser(req, res, ['tweet.write']);
    if (!user) return undefined;
    const m = media.get(id);
    if (!m || m.ownerId !== user.id) return void problem(res, 400, 'Invalid Request', `media id ${id} not found`);
    return m;
  };

  router.post('/2/media/upload/initialize', (req, res) => {
    const user = deps.authUser(req, res, ['tweet.write']);
    if (!user) return;
    const { media_type: type, total_bytes: total } = (req.body ?? {}) as { media_type?: string; total_bytes?: number };
    const limit = type ? LIMITS[type] : undefined;
    if (!limit) return problem(res, 400, 'Invalid Request', `media_type ${String(type)} is not supported`);
    if (typeof total !== 'number' || total <= 0 || total > limit) return problem(res, 400, 'Invalid Request', `total_bytes must be between 1 and ${limit}`);
    const id = String(BigInt(Date.now()) * 1000n + BigInt(randomBytes(2).readUInt16BE() % 1000));
    media.set(id, { id, ownerId: user.id, mediaType: type!, totalBytes: total, chunks: new Map(), state: 'uploading' });
    res.json({ data: { id, media_key: `3_${id}`, expires_after_secs: 86_400 } });
  });

  router.post('/2/media/upload/:id/append', async (req, res) => {
    const m = own(req, res, String(req.params.id));
    if (!m) return;
    const part = await readAppend(req);
    if (!part || m.state !== 'uploading') return problem(res, 400, 'Invalid Request', 'segment_index and media are required during upload');
    m.chunks.set(part.index, part.bytes);
    res.json({ data: { expires_at: Date.now() + 86_400_000 } });
  });

  router.post('/2/media/upload/:id/finalize', (req, res) => {
    const m = own(req, res, String(req.params.id));
    if (!m) return;
    const size = [...m.chunks.values()].reduce((n, c) => n + c.length, 0);
    if (size !== m.totalBytes) return problem(res, 400, 'Invalid Request', `received ${size} bytes, expected ${m.totalBytes}`);
    m.state = m.mediaType.startsWith('video/') ? 'pending' : 'succeeded';
    res.json({ data: { id: m.id, media_key: `3_${m.id}`, size, expires_after_secs: 86_400, ...(m.state === 'pending' ? { processing_info: { state: 'pending', check_after_secs: 1 } } : {}) } });
  });

  router.get('/2/media/upload', (req, res) => {
    const m = own(req, res, String(req.query.media_id ?? ''));
    if (!m) return;
    // A video processes over two polls, as X's do.
    if (m.state === 'pending') m.state = 'in_progress';
    else if (m.state === 'in_progress') m.state = 'succeeded';
    res.json({ data: { id: m.id, processing_info: m.state === 'succeeded' ? { state: 'succeeded', progress_percent: 100 } : { state: m.state, check_after_secs: 1 } } });
  });

  router.post('/2/media/metadata', (req, res) => {
    const body = (req.body ?? {}) as { id?: string; metadata?: { alt_text?: { text?: string } } };
    const m = own(req, res, String(body.id ?? ''));
    if (!m) return;
    const text = body.metadata?.alt_text?.text;
    if (typeof text !== 'string' || text.length > 1000) return problem(res, 400, 'Invalid Request', 'alt_text.text must be at most 1000 characters');
    m.altText = text;
    res.json({ data: { id: m.id, associated_metadata: { alt_text: { text } } } });
  });

  /** Checks a tweet's media_ids as X does: owned, processed, at most 4 images or 1 video. */
  function checkTweetMedia(userId: string, ids: unknown): { ok: true; media: TEmuMedia[] } | { ok: false; detail: string } {
    if (ids === undefined) return { ok: true, media: [] };
    if (!Array.isArray(ids) || ids.length === 0) return { ok: false, detail: 'media.media_ids must be a non-empty array' };
    const list = ids.map((id) => media.get(String(id)));
    if (list.some((m) => !m || m.ownerId !== userId || m.state !== 'succeeded')) return { ok: false, detail: 'Your media IDs are invalid.' };
    const videos = list.filter((m) => m!.mediaType.startsWith('video/')).length;
    if (list.length > 4 || (videos > 0 && list.length > 1)) return { ok: false, detail: 'Your media IDs are invalid: at most 4 images, or 1 video.' };
    return { ok: true, media: list as TEmuMedia[] };
  }

  /** How the file arrived: its number of appends and the digest of its bytes in segment order. */
  function digestOf(m: TEmuMedia): { segments: number; sha256: string } {
    const hash = createHash('sha256');
    for (const index of [...m.chunks.keys()].sort((a, b) => a - b)) hash.update(m.chunks.get(index)!);
    return { segments: m.chunks.size, sha256: hash.digest('hex') };
  }

  return { router, checkTweetMedia, digestOf };
}
