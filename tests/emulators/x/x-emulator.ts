import express, { type NextFunction, type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mergeFaults, noFaults, seededRandom } from './x-emulator.faults';
import { loadState, saveState, type TEmuState, type TEmuUser } from './x-emulator.state';
import { renderTweetPage } from './x-emulator.web';

export interface TXEmulatorOptions {
  latencyMs?: number;
  /** Persist users and tweets here (demo mode), so links survive a restart. */
  stateFile?: string;
  /** Posts allowed per user per 15-minute window (X: 100). */
  postsPer15Min?: number;
  /** Posts allowed per app per 24 hours, all users together (X: 10,000). */
  appPostsPer24h?: number;
}

export interface TXEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

const WINDOW_MS = 15 * 60_000;
const DAY_MS = 24 * 3600_000;

function problem(res: Response, status: number, title: string, detail: string) {
  res.status(status).type('application/problem+json').json({ title, detail, type: 'about:blank', status });
}

/** Per-user 15-minute and per-app 24-hour windows, with X's headers. */
function createLimits(config: { postsPer15Min: number; appPostsPer24h: number }) {
  const users = new Map<string, { start: number; count: number }>();
  let app = { start: Date.now(), count: 0 };
  return {
    clear: () => {
      users.clear();
      app = { start: Date.now(), count: 0 };
    },
    /** Answers the reset (unix seconds) when over a limit, after setting the headers. */
    take(userId: string, res: Response): number | undefined {
      const now = Date.now();
      const w = users.get(userId);
      const current = w && now - w.start < WINDOW_MS ? w : { start: now, count: 0 };
      users.set(userId, current);
      if (now - app.start >= DAY_MS) app = { start: now, count: 0 };
      const reset = Math.ceil((current.start + WINDOW_MS) / 1000);
      res.set({ 'x-rate-limit-limit': String(config.postsPer15Min), 'x-rate-limit-reset': String(reset) });
      if (app.count >= config.appPostsPer24h) {
        res.set({ 'x-app-limit-24hour-limit': String(config.appPostsPer24h), 'x-app-limit-24hour-remaining': '0', 'x-app-limit-24hour-reset': String(Math.ceil((app.start + DAY_MS) / 1000)), 'x-rate-limit-reset': String(Math.ceil((app.start + DAY_MS) / 1000)) });
        return Math.ceil((app.start + DAY_MS) / 1000);
      }
      if (current.count >= config.postsPer15Min) {
        res.set('x-rate-limit-remaining', '0');
        return reset;
      }
      current.count += 1;
      app.count += 1;
      res.set('x-rate-limit-remaining', String(config.postsPer15Min - current.count));
      return undefined;
    },
  };
}

/**
 * A local stand-in for the X API v2, faithful where Siar depends on X's behaviour: bearer
 * auth, POST /2/tweets (duplicate text → 403), per-user and per-app limits with X's headers,
 * users/me, user timelines (read-back), and injected faults. Control endpoints under
 * /_emulator let tests and the demo register users, read what was posted and set faults.
 */
export function createXEmulatorApp(options: TXEmulatorOptions = {}) {
  const state: TEmuState = loadState(options.stateFile);
  const config = { latencyMs: options.latencyMs ?? 0, postsPer15Min: options.postsPer15Min ?? 100, appPostsPer24h: options.appPostsPer24h ?? 10_000 };
  let faults = noFaults();
  let random = seededRandom(faults.seed);
  const limits = createLimits(config);
  const persist = () => saveState(options.stateFile, state);
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false }));

  const latency = (_req: Request, _res: Response, next: NextFunction) => (config.latencyMs > 0 ? setTimeout(next, config.latencyMs) : next());

  function authUser(req: Request, res: Response): TEmuUser | undefined {
    const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (token && faults.force401 > 0) {
      faults.force401 -= 1;
      problem(res, 401, 'Unauthorized', 'Unauthorized');
      return undefined;
    }
    const user = token ? state.users.find((u) => u.accessTokens.includes(token)) : undefined;
    if (!user) problem(res, 401, 'Unauthorized', 'Unauthorized');
    return user;
  }

  app.get('/2/users/me', latency, (req, res) => {
    const user = authUser(req, res);
    if (user) res.json({ data: { id: user.id, name: user.name, username: user.username } });
  });

  app.post('/2/tweets', latency, (req, res) => {
    const user = authUser(req, res);
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
    if (state.tweets.some((t) => t.authorId === user.id && t.text === text)) {
      return problem(res, 403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');
    }
    const tweet = { id: String(state.nextId++), authorId: user.id, text, createdAt: new Date().toISOString() };
    state.tweets.push(tweet);
    persist();
    // Faults after the tweet exists: the caller cannot know it was posted.
    if (random() < faults.resetAfterStoreRate) return void req.socket.destroy();
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
