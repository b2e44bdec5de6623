import express, { type NextFunction, type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadState, saveState, type TEmuUser } from './x-emulator.state';
import { renderTweetPage } from './x-emulator.web';

export interface TXEmulatorOptions {
  latencyMs?: number;
  /** Persist users and tweets here (demo mode), so links survive a restart. */
  stateFile?: string;
  /** Posts allowed per user per 15-minute window (X: 100). */
  postsPer15Min?: number;
}

export interface TXEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

const WINDOW_MS = 15 * 60_000;

/**
 * A local stand-in for the X API v2, faithful where Siar depends on X's behaviour: bearer
 * auth, POST /2/tweets (duplicate text → 403), rate-limit headers and 429, users/me.
 * Control endpoints under /_emulator let tests and the demo register users and read posts.
 */
export function createXEmulatorApp(options: TXEmulatorOptions = {}) {
  const state = loadState(options.stateFile);
  const config = { latencyMs: options.latencyMs ?? 0, postsPer15Min: options.postsPer15Min ?? 100 };
  const windows = new Map<string, { start: number; count: number }>();
  const persist = () => saveState(options.stateFile, state);
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false }));

  const problem = (res: Response, status: number, title: string, detail: string) =>
    res.status(status).type('application/problem+json').json({ title, detail, type: `about:blank`, status });

  const latency = (_req: Request, _res: Response, next: NextFunction) => (config.latencyMs > 0 ? setTimeout(next, config.latencyMs) : next());

  function authUser(req: Request, res: Response): TEmuUser | undefined {
    const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
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
    const now = Date.now();
    const window = windows.get(user.id);
    const current = window && now - window.start < WINDOW_MS ? window : { start: now, count: 0 };
    windows.set(user.id, current);
    const reset = Math.ceil((current.start + WINDOW_MS) / 1000);
    res.set({ 'x-rate-limit-limit': String(config.postsPer15Min), 'x-rate-limit-reset': String(reset) });
    if (current.count >= config.postsPer15Min) {
      res.set('x-rate-limit-remaining', '0');
      return problem(res, 429, 'Too Many Requests', 'Too Many Requests');
    }
    const text: unknown = req.body?.text;
    if (typeof text !== 'string' || text.trim() === '') return problem(res, 400, 'Invalid Request', 'The `text` field is required.');
    if (state.tweets.some((t) => t.authorId === user.id && t.text === text)) {
      return problem(res, 403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');
    }
    current.count += 1;
    res.set('x-rate-limit-remaining', String(config.postsPer15Min - current.count));
    const tweet = { id: String(state.nextId++), authorId: user.id, text, createdAt: new Date().toISOString() };
    state.tweets.push(tweet);
    persist();
    res.status(201).json({ data: { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] } });
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
    const body = req.body as { latencyMs?: unknown; postsPer15Min?: unknown };
    if (typeof body.latencyMs === 'number') config.latencyMs = body.latencyMs;
    if (typeof body.postsPer15Min === 'number') config.postsPer15Min = body.postsPer15Min;
    res.json(config);
  });
  app.post('/_emulator/reset', (_req, res) => {
    state.tweets = [];
    windows.clear();
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
