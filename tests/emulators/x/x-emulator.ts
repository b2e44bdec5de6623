import express, { type NextFunction, type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mergeFaults, noFaults, seededRandom } from './x-emulator.faults';
import { createLimits, problem } from './x-emulator.http';
import { createMediaRoutes } from './x-emulator.media';
import { createMetricsRoutes } from './x-emulator.metrics';
import { createOAuth } from './x-emulator.oauth';
import { loadState, saveState, upsertApp, type TEmuApp, type TEmuState, type TEmuUser } from './x-emulator.state';
import { renderTweetPage } from './x-emulator.web';

export interface TXEmulatorOptions {
  latencyMs?: number;
  /** Persist users and tweets here (demo mode), so links survive a restart. */
  stateFile?: string;
  /** Posts allowed per user per 15-minute window (X: 100). */
  postsPer15Min?: number;
  /** Posts allowed per app per 24 hours, all users together (X: 10,000). */
  appPostsPer24h?: number;
  /** OAuth 2.0 clients registered at start, as with POST /_emulator/apps. */
  apps?: TEmuApp[];
}

export interface TXEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** What X asks of an OAuth 2.0 user token: reads need tweet.read and users.read, posting also tweet.write. */
const READ_SCOPES = ['tweet.read', 'users.read'];
const WRITE_SCOPES = [...READ_SCOPES, 'tweet.write'];

/**
 * A local stand-in for the X API v2, faithful where Siar depends on X's behaviour: bearer
 * auth, POST /2/tweets (duplicate text → 403), per-user and per-app limits with X's headers,
 * users/me, user timelines (read-back), OAuth 2.0 with PKCE (x-emulator.oauth.ts) and injected
 * faults. Control endpoints under /_emulator let tests and the demo register users and apps,
 * read what was posted, move the clock and set faults.
 */
export function createXEmulatorApp(options: TXEmulatorOptions = {}) {
  const state: TEmuState = loadState(options.stateFile);
  const config = { latencyMs: options.latencyMs ?? 0, postsPer15Min: options.postsPer15Min ?? 100, appPostsPer24h: options.appPostsPer24h ?? 10_000 };
  let faults = noFaults();
  let random = seededRandom(faults.seed);
  const limits = createLimits(config);
  const persist = () => saveState(options.stateFile, state);
  for (const a of options.apps ?? []) {
    const error = upsertApp(state, { ...a });
    if (error) throw new Error(`X emulator app ${a.clientId}: ${error}`);
  }
  const oauth = createOAuth({ state, persist, faults: () => faults, random: () => random() });
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false }));

  const latency = (_req: Request, _res: Response, next: NextFunction) => (config.latencyMs > 0 ? setTimeout(next, config.latencyMs) : next());

  /**
   * Tokens registered through /_emulator/users never expire and carry every scope; OAuth
   * access tokens expire on the emulator's clock and need the endpoint's scopes (X: 403).
   */
  function authUser(req: Request, res: Response, scopes: readonly string[] = READ_SCOPES): TEmuUser | undefined {
    const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (token && faults.force401 > 0) {
      faults.force401 -= 1;
      problem(res, 401, 'Unauthorized', 'Unauthorized');
      return undefined;
    }
    let user = token ? state.users.find((u) => u.accessTokens.includes(token)) : undefined;
    const grant = token && !user ? oauth.grantFor(token) : undefined;
    if (grant) {
      const granted = grant.scope.split(' ');
      if (!scopes.every((s) => granted.includes(s))) return void problem(res, 403, 'Forbidden', 'Forbidden');
      user = state.users.find((u) => u.id === grant.userId);
    }
    if (!user) problem(res, 401, 'Unauthorized', 'Unauthorized');
    return user;
  }

  const mediaRoutes = createMediaRoutes({ authUser: (req, res) => authUser(req, res, WRITE_SCOPES) });
  const metricsRoutes = createMetricsRoutes({ state, authUser: (req, res) => authUser(req, res), faults: () => faults, now: oauth.now, countRead: oauth.countMetricRead });

  app.get('/2/users/me', latency, (req, res) => {
    const user = authUser(req, res);
    if (user) res.json({ data: { id: user.id, name: user.name, username: user.username } });
  });

  app.post('/2/tweets', latency, (req, res) => {
    const user = authUser(req, res, WRITE_SCOPES);
    if (!user) return;
    if (faults.rateLimitBurst > 0) {
      faults.rateLimitBurst -= 1;
      res.set({ 'x-rate-limit-limit': String(config.postsPer15Min), 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + faults.burstResetSeconds) });
      return problem(res, 429, 'Too Many Requests', 'Too Many Requests');
    }
    if (random() < faults.error5xxRate) return problem(res, 503, 'Service Unavailable', 'Service Unavailable');
    const reset = limits.take(user.id, res);
    if (reset !== undefined) return problem(res, 429, 'Too Many Requests', 'Too Many Requests');
    const text: unknown = req.body?.text;
    if (typeof text !== 'string' || text.trim() === '') return problem(res, 400, 'Invalid Request', 'The `text` field is required.');
    const attached = mediaRoutes.checkTweetMedia(user.id, req.body?.media?.media_ids);
    if (!attached.ok) return problem(res, 400, 'Invalid Request', attached.detail);
    const replyTo: unknown = req.body?.reply?.in_reply_to_tweet_id;
    if (replyTo !== undefined && !state.tweets.some((t) => t.id === replyTo)) return problem(res, 400, 'Invalid Request', 'The replied-to post does not exist.');
    if (state.tweets.some((t) => t.authorId === user.id && t.text === text)) {
      return problem(res, 403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');
    }
    const tweet = {
      id: String(state.nextId++),
      authorId: user.id,
      text,
      createdAt: new Date().toISOString(),
      ...(attached.media.length ? { media: attached.media.map((m) => ({ id: m.id, type: m.mediaType, bytes: m.totalBytes, altText: m.altText, ...mediaRoutes.digestOf(m) })) } : {}),
      ...(typeof replyTo === 'string' ? { replyTo } : {}),
    };
    state.tweets.push(tweet);
    persist();
    // Faults after the tweet exists: the caller cannot know it was posted.
    if (random() < faults.resetAfterStoreRate) return void req.socket.destroy();
    if (faults.hangAfterStoreAt > 0 && --faults.hangAfterStoreAt === 0) return void setTimeout(() => req.socket.destroy(), faults.hangMs);
    if (random() < faults.timeoutAfterStoreRate) return void setTimeout(() => req.socket.destroy(), faults.hangMs);
    res.status(201).json({ data: { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] } });
  });

  app.get('/2/users/:id/tweets', latency, (req, res) => {
    if (!authUser(req, res)) return;
    if (random() < faults.timelineErrorRate) return problem(res, 503, 'Service Unavailable', 'Service Unavailable');
    const start = typeof req.query.start_time === 'string' ? Date.parse(req.query.start_time) : 0;
    const max = Math.min(Math.max(Number(req.query.max_results ?? 10), 5), 100);
    const after = typeof req.query.pagination_token === 'string' ? req.query.pagination_token : undefined;
    const all = state.tweets.filter((t) => t.authorId === req.params.id && Date.parse(t.createdAt) >= start).reverse();
    const from = after ? all.findIndex((t) => t.id === after) : 0;
    const page = all.slice(Math.max(from, 0), Math.max(from, 0) + max);
    const next = all[Math.max(from, 0) + max];
    res.json({
      ...(page.length ? { data: page.map((t) => ({ id: t.id, text: t.text, created_at: t.createdAt, edit_history_tweet_ids: [t.id] })) } : {}),
      meta: { result_count: page.length, ...(page.length ? { newest_id: page[0]!.id, oldest_id: page[page.length - 1]!.id } : {}), ...(next ? { next_token: next.id } : {}) },
    });
  });

  app.use(oauth.router);
  app.use(mediaRoutes.router);
  app.use(metricsRoutes.router);
  app.get('/_emulator/tweets', (_req, res) => {
    res.json({ items: state.tweets.map((t) => ({ ...t, username: state.users.find((u) => u.id === t.authorId)?.username })) });
  });
  app.post('/_emulator/users', (req, res) => {
    const { id, username, name, accessToken } = req.body as Record<string, unknown>;
    if (typeof id !== 'string' || typeof username !== 'string' || typeof accessToken !== 'string') return problem(res, 400, 'Bad Request', 'id, username and accessToken are required');
    const existing = state.users.find((u) => u.id === id);
    if (existing) {
      if (!existing.accessTokens.includes(accessToken)) existing.accessTokens.push(accessToken);
      existing.username = username;
    } else {
      state.users.push({ id, username, name: typeof name === 'string' ? name : username, accessTokens: [accessToken] });
    }
    persist();
    res.status(204).end();
  });
  app.post('/_emulator/config', (req, res) => {
    const body = req.body as Record<string, unknown>;
    for (const key of ['latencyMs', 'postsPer15Min', 'appPostsPer24h'] as const) if (typeof body[key] === 'number') config[key] = body[key];
    res.json(config);
  });
  app.post('/_emulator/faults', (req, res) => {
    faults = mergeFaults(faults, req.body as Record<string, unknown>);
    random = seededRandom(faults.seed);
    res.json(faults);
  });
  app.post('/_emulator/reset', (_req, res) => {
    state.tweets = [];
    limits.clear();
    faults = noFaults();
    random = seededRandom(faults.seed);
    oauth.reset();
    metricsRoutes.reset();
    persist();
    res.status(204).end();
  });
  app.get('/:username/status/:id', (req, res) => {
    const user = state.users.find((u) => u.username === req.params.username);
    const tweet = state.tweets.find((t) => t.id === req.params.id && t.authorId === user?.id);
    if (!user || !tweet) return res.status(404).type('text/plain').send('Not found');
    res.type('html').send(renderTweetPage(user, tweet));
  });
  app.use((_req, res) => problem(res, 404, 'Not Found', 'Not Found'));
  return app;
}

export async function startXEmulator(options: TXEmulatorOptions & { port?: number; host?: string } = {}): Promise<TXEmulator> {
  const app = createXEmulatorApp(options);
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
