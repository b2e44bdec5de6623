import express, { type NextFunction, type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { auth, igPageFor, pageFor, unknownObject, type TEmuConfig, type TEmuContext, type TEmuStats } from './meta-emulator.context';
import { createControlRoutes } from './meta-emulator.control';
import { mergeFaults, noFaults } from './meta-emulator.faults';
import { graphError } from './meta-emulator.http';
import { createInstagramRoutes, igPermalink } from './meta-emulator.instagram';
import { createEngagement } from './meta-emulator.metrics';
import { createMetaOAuth, LONG_TOKEN_TTL_S } from './meta-emulator.oauth';
import { createPagesRoutes, permalinkOf } from './meta-emulator.pages';
import { loadState, saveState } from './meta-emulator.state';
import { renderInstagramPage, renderPostPage } from './meta-emulator.web';

export interface TMetaEmulatorOptions {
  latencyMs?: number;
  /** Persist apps, people, Pages, tokens and posts here (demo mode), so links survive a restart. */
  stateFile?: string;
  /** Polls a video container answers IN_PROGRESS (default 2), an image one (default 0). */
  videoPolls?: number;
  imagePolls?: number;
}

export interface TMetaEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

const VERSION = /^v\d{1,3}\.\d{1,2}$/;

/**
 * A local stand-in for the Meta Graph API, faithful where Siar depends on Meta's behaviour:
 * Facebook Login (dialog, code exchange, long-lived tokens), Pages with Page tokens and linked
 * Instagram accounts, Page posts (photos attached unpublished, links, videos), Instagram
 * containers with processing states and media_publish within the publishing quota, Meta's error
 * codes, reading feeds and media back, and engagement counts (one node, or up to 50 ids at
 * once). It fetches every media URL it is given, as Meta does.
 * Control endpoints under /_emulator register apps, people and Pages, inject faults, move the
 * clock and show what was posted.
 */
export function createMetaEmulatorApp(options: TMetaEmulatorOptions = {}) {
  const state = loadState(options.stateFile);
  let faults = noFaults();
  let offsetMs = 0;
  const config: TEmuConfig = { latencyMs: options.latencyMs ?? 0, imagePolls: options.imagePolls ?? 0, videoPolls: options.videoPolls ?? 2, quotaTotal: 50, longTokenTtlS: LONG_TOKEN_TTL_S };
  const stats: TEmuStats = { mediaPublishCalls: 0, containersCreated: 0, feedPosts: 0, engagementReads: 0, engagementNodeReads: 0 };
  const ctx: TEmuContext = { state, config, stats, persist: () => saveState(options.stateFile, state), now: () => Date.now() + offsetMs, faults: () => faults, blobs: new Map() };
  const oauth = createMetaOAuth({ state, persist: ctx.persist, now: ctx.now, longTokenTtlS: () => config.longTokenTtlS });
  const instagram = createInstagramRoutes(ctx);
  const engagement = createEngagement(ctx);

  const app = express();
  app.set('trust proxy', false);
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false }));

  app.use(
    createControlRoutes(ctx, {
      setFaults: (patch) => (faults = mergeFaults(faults, patch)),
      getFaults: () => faults,
      clock: { get: () => offsetMs, advance: (ms) => (offsetMs += ms) },
      reset: () => {
        Object.assign(state, { photos: [], posts: [], containers: [], igMedia: [], fetches: [] });
        Object.assign(stats, { mediaPublishCalls: 0, containersCreated: 0, feedPosts: 0, engagementReads: 0, engagementNodeReads: 0 });
        faults = noFaults();
        offsetMs = 0;
        oauth.reset();
        instagram.resetCarousel();
        engagement.reset();
        ctx.persist();
      },
      oauthStats: oauth.stats,
    }),
  );

  app.use(engagement.controlRouter);

  // What a published link opens in demo mode.
  app.get('/p/:shortcode', (req, res) => {
    const media = state.igMedia.find((m) => m.shortcode === req.params.shortcode);
    const pageRow = media && state.pages.find((p) => p.instagram?.id === media.igUserId);
    if (!media || !pageRow?.instagram) return res.status(404).type('text/plain').send('Not found');
    res.type('html').send(renderInstagramPage(pageRow.instagram, media, media.items.filter((i) => ctx.blobs.has(i.sha256)).map((i) => `/_emulator/blobs/${i.sha256}`)));
  });
  app.get('/:pageId/posts/:local', (req, res) => {
    const post = state.posts.find((p) => p.id === `${req.params.pageId}_${req.params.local}`);
    const pageRow = state.pages.find((p) => p.id === req.params.pageId);
    if (!post || !pageRow) return res.status(404).type('text/plain').send('Not found');
    const images = post.photoIds.map((id) => state.photos.find((p) => p.id === id)).filter((p) => p && ctx.blobs.has(p.sha256)).map((p) => `/_emulator/blobs/${p!.sha256}`);
    res.type('html').send(renderPostPage(pageRow, post, images));
  });

  const graph = express.Router({ mergeParams: true });
  graph.use((req: Request<{ version: string }>, res: Response, next: NextFunction) => {
    if (!VERSION.test(req.params.version)) return graphError(res, 400, 2500, `Unknown path components: /${req.params.version}`);
    if (config.latencyMs > 0) setTimeout(next, config.latencyMs);
    else next();
  });
  graph.use(oauth.router);
  graph.use(createPagesRoutes(ctx));
  graph.use(instagram.router);
  // Several nodes at once (`?ids=a,b&fields=…`): how engagement is read.
  graph.get('/', (req, res) => {
    const token = auth(ctx, req, res);
    if (token) engagement.readMany(req, res, token);
  });
  // Any other node by id: a Page post, a video, a container's status, an Instagram post, a Page.
  graph.get('/:id', (req, res) => {
    const token = auth(ctx, req, res);
    if (!token) return;
    const id = String(req.params.id);
    const post = state.posts.find((p) => p.id === id || (p.videoId !== undefined && p.videoId === id));
    if (post && pageFor(ctx, token, post.pageId)) {
      const link = post.videoId === id ? `${req.protocol}://${req.get('host')}/${post.pageId}/videos/${id}/` : permalinkOf(req, post.id);
      const counts = engagement.readOne(req, res, token, id);
      if (counts === false) return;
      return res.json({ id, message: post.message, created_time: post.createdAt, permalink_url: link, ...counts });
    }
    const container = state.containers.find((c) => c.id === id);
    if (container && igPageFor(ctx, token, container.igUserId)) {
      instagram.poll(container);
      ctx.persist();
      return res.json({ id, status_code: container.status, ...(container.statusText && container.status !== 'FINISHED' ? { status: container.statusText } : { status: container.status === 'FINISHED' ? 'Finished: Media has been uploaded and it is ready to be published.' : container.status }) });
    }
    const media = state.igMedia.find((m) => m.id === id);
    if (media && igPageFor(ctx, token, media.igUserId)) {
      const counts = engagement.readOne(req, res, token, id);
      if (counts === false) return;
      return res.json({ id, caption: media.caption, media_type: media.mediaType, timestamp: media.timestamp, permalink: igPermalink(req, media.shortcode), ...counts });
    }
    const pageRow = state.pages.find((p) => p.id === id);
    if (pageRow && pageFor(ctx, token, id)) return res.json({ id, name: pageRow.name, ...(pageRow.username ? { username: pageRow.username } : {}) });
    unknownObject(res, id);
  });
  graph.use((req, res) => graphError(res, 400, 2500, `Unknown path components: ${req.path}`));
  app.use('/:version', graph);
  return app;
}

export async function startMetaEmulator(options: TMetaEmulatorOptions & { port?: number; host?: string } = {}): Promise<TMetaEmulator> {
  const app = createMetaEmulatorApp(options);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
