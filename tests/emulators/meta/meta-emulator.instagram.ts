import { randomBytes } from 'node:crypto';
import { Router, type Request } from 'express';
import { auth, dropAnswer, dropAnswerAfterStore, igPageFor, injectedWriteFailure, type TEmuContext } from './meta-emulator.context';
import { fetchMedia, graphError, pageOf, paramsOf, str } from './meta-emulator.http';
import { newId, type TIgContainer, type TMetaPage } from './meta-emulator.state';

const DAY_MS = 24 * 3600_000;
const HASHTAG = /(?:^|[^\p{L}\p{N}_&#])#[\p{L}\p{N}_]+/gu;

export function igPermalink(req: Request, shortcode: string): string {
  return `${req.protocol}://${req.get('host')}/p/${shortcode}/`;
}

/** API-published posts of an account within the rolling day (the quota Meta counts). */
export function quotaUsage(ctx: TEmuContext, igUserId: string): number {
  const since = ctx.now() - DAY_MS;
  return ctx.state.igMedia.filter((m) => m.igUserId === igUserId && m.viaApi && Date.parse(m.timestamp) > since).length;
}

/** One poll of a container: IN_PROGRESS while polls remain, then its final status; EXPIRED after 24 hours unpublished. */
function poll(ctx: TEmuContext, c: TIgContainer): void {
  if (c.status === 'PUBLISHED') return;
  if (ctx.now() - c.createdAtMs > DAY_MS) {
    c.status = 'EXPIRED';
    c.statusText = 'EXPIRED: the container was not published within 24 hours';
    return;
  }
  if (c.pollsLeft > 0) {
    c.pollsLeft -= 1;
    c.status = 'IN_PROGRESS';
    return;
  }
  c.status = c.finalStatus;
}

/**
 * Instagram's Content Publishing API: containers (an image, a Reel, carousel items and the
 * carousel) whose media the emulator fetches from the given URL as Meta does, processing states
 * a poll advances, per-container faults, `media_publish` (only a FINISHED container, within the
 * quota), `content_publishing_limit`, and the account's media for read-back.
 */
export function createInstagramRoutes(ctx: TEmuContext) {
  const router = Router({ mergeParams: true });
  const { state } = ctx;
  /** Carousel items created since the carousel fault was set (it hits the N-th). */
  let carouselItemsSeen = 0;

  const igAccount = (req: Request, res: Parameters<typeof graphError>[0]): { page: TMetaPage; igUserId: string } | undefined => {
    const token = auth(ctx, req, res);
    if (!token) return undefined;
    const igUserId = String(req.params.igUserId);
    const page = igPageFor(ctx, token, igUserId);
    if (!page) return void graphError(res, 403, 10, `(#10) The token cannot act for Instagram account ${igUserId}: it needs instagram_content_publish through its Page`);
    return { page, igUserId };
  };

  router.post('/:igUserId/media', async (req, res) => {
    const account = igAccount(req, res);
    if (!account) return;
    if (injectedWriteFailure(ctx, res)) return;
    const params = paramsOf(req);
    const type = str(params.media_type)?.toUpperCase();
    const isItem = params.is_carousel_item === true || params.is_carousel_item === 'true';
    const caption = typeof params.caption === 'string' ? params.caption : undefined;
    if (caption !== undefined && ([...caption].length > 2200 || [...caption.matchAll(HASHTAG)].length > 30)) return graphError(res, 400, 100, 'The caption is too long or has more than 30 hashtags', { subcode: 2207035 });
    const base = { id: newId(state), igUserId: account.igUserId, isCarouselItem: isItem, caption: isItem ? undefined : caption, altText: str(params.alt_text), createdAtMs: ctx.now(), status: 'IN_PROGRESS' as const, finalStatus: 'FINISHED' as const };
    let container: TIgContainer;
    if (type === 'CAROUSEL') {
      const children = (str(params.children) ?? '').split(',').filter(Boolean);
      const items = children.map((id) => state.containers.find((c) => c.id === id));
      if (children.length < 2 || children.length > 10 || items.some((c) => !c || c.igUserId !== account.igUserId || !c.isCarouselItem)) return graphError(res, 400, 100, 'children must be 2 to 10 carousel item containers of this account', { subcode: 2207021 });
      if (items.some((c) => c!.status !== 'FINISHED')) return graphError(res, 400, 9007, 'A carousel item is not ready (its status is not FINISHED)', { subcode: 2207027 });
      container = { ...base, kind: 'CAROUSEL', children, pollsLeft: 0 };
      carouselItemsSeen = 0;
    } else {
      const video = type === 'REELS' || type === 'VIDEO';
      if (type && !video) return graphError(res, 400, 100, `media_type ${type} is not supported`);
      const fetched = await fetchMedia(state, video ? params.video_url : params.image_url, video ? 'video' : 'image');
      if (!fetched.ok) return graphError(res, 400, 9004, `The media could not be fetched from this URI: ${fetched.reason}`, { subcode: 2207052, userMsg: 'Media download has failed. The media URI doesn\'t meet our requirements.' });
      if (!video && fetched.mime !== 'image/jpeg') return graphError(res, 400, 9004, 'Only JPEG images can be published', { subcode: 2207009 });
      if (!video) ctx.blobs.set(fetched.sha256, { mime: fetched.mime, bytes: fetched.bytes });
      container = { ...base, kind: video ? (isItem ? 'VIDEO' : 'REELS') : 'IMAGE', media: { mime: fetched.mime, bytes: fetched.bytes.length, sha256: fetched.sha256 }, pollsLeft: video ? ctx.config.videoPolls : ctx.config.imagePolls };
      const faults = ctx.faults();
      if (isItem) {
        carouselItemsSeen += 1;
        if (faults.carouselItem && carouselItemsSeen === faults.carouselItem.position) {
          container.finalStatus = faults.carouselItem.status;
          container.statusText = `${faults.carouselItem.status}: ${faults.carouselItem.message}`;
          faults.carouselItem = null;
        }
      } else if (faults.nextContainer) {
        container.finalStatus = faults.nextContainer.status;
        container.statusText = `${faults.nextContainer.status}: ${faults.nextContainer.message}`;
        faults.nextContainer = null;
      }
    }
    state.containers.push(container);
    ctx.stats.containersCreated += 1;
    ctx.persist();
    res.json({ id: container.id });
  });

  router.post('/:igUserId/media_publish', (req, res) => {
    const account = igAccount(req, res);
    if (!account) return;
    ctx.stats.mediaPublishCalls += 1;
    if (injectedWriteFailure(ctx, res)) return;
    const container = state.containers.find((c) => c.id === str(paramsOf(req).creation_id) && c.igUserId === account.igUserId && !c.isCarouselItem);
    if (!container) return graphError(res, 400, 100, 'creation_id is not a container of this account', { subcode: 2207032 });
    poll(ctx, container);
    if (container.status === 'PUBLISHED') return graphError(res, 400, 9007, 'This container was already published', { subcode: 2207020 });
    if (container.status !== 'FINISHED') return graphError(res, 400, 9007, 'The media is not ready for publishing, please wait for a moment', { subcode: 2207027 });
    if (quotaUsage(ctx, account.igUserId) >= ctx.config.quotaTotal) return graphError(res, 400, 9, 'Application request limit reached: the account reached the maximum number of posts allowed through the Content Publishing API', { subcode: 2207042 });
    const items = (container.children ?? [container.id]).map((id) => state.containers.find((c) => c.id === id)!);
    container.status = 'PUBLISHED';
    for (const item of items) item.status = 'PUBLISHED';
    const media = {
      id: newId(state),
      igUserId: account.igUserId,
      caption: container.caption ?? '',
      mediaType: container.kind === 'CAROUSEL' ? ('CAROUSEL_ALBUM' as const) : container.kind === 'IMAGE' ? ('IMAGE' as const) : ('VIDEO' as const),
      shortcode: randomBytes(8).toString('base64url').slice(0, 11),
      timestamp: new Date(ctx.now()).toISOString(),
      viaApi: true,
      items: items.map((c) => ({ kind: c.kind, mime: c.media!.mime, bytes: c.media!.bytes, sha256: c.media!.sha256, ...(c.altText ? { altText: c.altText } : {}) })),
    };
    state.igMedia.push(media);
    ctx.persist();
    if (dropAnswerAfterStore(ctx)) return dropAnswer(ctx, req);
    res.json({ id: media.id });
  });

  router.get('/:igUserId/content_publishing_limit', (req, res) => {
    const account = igAccount(req, res);
    if (!account) return;
    res.json({ data: [{ quota_usage: quotaUsage(ctx, account.igUserId), config: { quota_total: ctx.config.quotaTotal, quota_duration: 86_400 } }] });
  });

  router.get('/:igUserId/media', (req, res) => {
    const account = igAccount(req, res);
    if (!account) return;
    const f = ctx.faults();
    if (f.readErrorNext > 0) {
      f.readErrorNext -= 1;
      return graphError(res, 500, 2, 'Service temporarily unavailable');
    }
    const since = Number(paramsOf(req).since ?? 0) * 1000;
    const media = state.igMedia.filter((m) => m.igUserId === account.igUserId && Date.parse(m.timestamp) >= since).reverse();
    res.json(pageOf(req, media.map((m) => ({ id: m.id, caption: m.caption, media_type: m.mediaType, timestamp: m.timestamp.replace(/\.\d{3}Z$/, '+0000'), permalink: igPermalink(req, m.shortcode) })), 25));
  });

  return { router, poll: (c: TIgContainer) => poll(ctx, c), resetCarousel: () => (carouselItemsSeen = 0) };
}
