import express, { type Express } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { Queue } from 'bullmq';
import { AppError } from '@siar/shared';
import type { TDatabase, TKeyRing, TLogger, TPlatformAdapter, TPlatformSettings } from '@siar/shared/node';
import { accountsRouter, oauthCallbackRouter } from './components/accounts/accounts.router';
import { activityRouter } from './components/activity/activity.router';
import { adminRouter } from './components/admin/admin.router';
import { auditRouter } from './components/audit/audit.router';
import { authRouter } from './components/auth/auth.router';
import { calendarRouter } from './components/calendar/calendar.router';
import { deliveriesRouter } from './components/deliveries/deliveries.router';
import { requireAuth, sessionMiddleware } from './components/auth/session-middleware';
import { healthRouter } from './components/health/health.router';
import { importsRouter } from './components/imports/imports.router';
import { mediaRouter } from './components/media/media.router';
import { signedMediaRouter } from './components/media/signed-media.router';
import { QUEUE_BOARD_PATH, queueBoard } from './components/operations/queue-board';
import { createServerMetrics } from './components/operations/server-metrics';
import { postsRouter } from './components/posts/posts.router';
import { queueRouter, queueSlotsRouter } from './components/queue/queue.router';
import { problemMiddleware } from './libraries/errors/problem-middleware';
import { csrfProtection } from './libraries/http/csrf';
import { loadActivityConfig, loadImportConfig, loadMailConfig } from './config/env';
import { approvalsRouter } from './components/approvals/approvals.router';
import { createPublishJobRemover } from './components/approvals/publish-jobs';
import { createNotificationMailer, type TNotificationMailer } from './components/notifications/notification-mailer';
import { notificationsRouter } from './components/notifications/notifications.router';
import { watchWordsRouter } from './components/watch-words/watch-words.router';
import type { TPublishScheduler } from './libraries/queue/publish-scheduler';

export interface TAppDeps {
  db: TDatabase;
  redis: Redis;
  scheduler: TPublishScheduler;
  /** Shown on /admin/queues and measured on /metrics. */
  queues: Queue[];
  /** The BullMQ key prefix, shared with the worker (heartbeats live under it). */
  prefix: string;
  logger: TLogger;
  trustProxy: number;
  /** Where each platform's posts are shown (platform id → web base URL), to accept pasted links. */
  webBaseUrls?: Record<string, string>;
  /** For connecting accounts: the key ring, the platform adapters and Siar's public address. */
  ring: TKeyRing;
  adapters: ReadonlyMap<string, TPlatformAdapter>;
  /** Per platform: prices and the similar-content policy (default: warn, no prices). */
  platformSettings?: Record<string, TPlatformSettings>;
  /** Unset: the address the request came to (fine for one machine; set it behind a proxy). */
  publicBaseUrl?: string | undefined;
  /** Uploaded media (`<DATA_DIR>/media` in main); `/api/media` is not served when absent (tests without uploads). */
  mediaDir?: string | undefined;
  /** The built client; not served when absent (API-only tests). */
  clientDistDir?: string | undefined;
  /** Bulk imports may fetch media from private addresses; unset: SIAR_IMPORT_ALLOW_PRIVATE_MEDIA_HOSTS. */
  importAllowPrivateMediaHosts?: boolean;
  /** Notification e-mail; unset: from SMTP_URL/SMTP_FROM (off when they are unset), draining every 30 s. */
  mailer?: TNotificationMailer;
  /** Days without a post before an account is flagged inactive; unset: SIAR_INACTIVE_DAYS (default 7). */
  inactiveDays?: number;
}

/** How often the e-mail outbox is drained for notifications the worker wrote. */
const MAIL_DRAIN_EVERY_MS = 30_000;

function defaultMailer(deps: TAppDeps): TNotificationMailer {
  const config = loadMailConfig();
  const mailer = createNotificationMailer({ db: deps.db, logger: deps.logger, smtpUrl: config.smtpUrl, from: config.from, publicBaseUrl: deps.publicBaseUrl });
  mailer.start(MAIL_DRAIN_EVERY_MS);
  return mailer;
}

/** Builds the app without listening, so tests can start it on port 0. */
export function createApp(deps: TAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'blob:'],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.use(healthRouter({ ...deps, metrics: createServerMetrics(deps) }));
  // bull-board's UI (axios) echoes the XSRF-TOKEN cookie as X-XSRF-TOKEN: the same double-submit, under its names.
  app.use(QUEUE_BOARD_PATH, csrfProtection({ cookie: 'XSRF-TOKEN', header: 'x-xsrf-token', path: QUEUE_BOARD_PATH }), sessionMiddleware(deps.db), queueBoard(deps.queues));
  // Media for platforms that fetch it themselves (Meta): signed, expiring, no session.
  if (deps.mediaDir) app.use(signedMediaRouter({ db: deps.db, ring: deps.ring, mediaDir: deps.mediaDir }));

  const mailer = deps.mailer ?? defaultMailer(deps);
  const jobs = createPublishJobRemover(deps.queues, deps.redis, deps.logger);
  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(csrfProtection());
  api.use(sessionMiddleware(deps.db));
  api.use('/auth', authRouter(deps));
  api.use('/oauth', oauthCallbackRouter(deps));
  api.use(requireAuth);
  api.use('/accounts', accountsRouter(deps));
  api.use('/accounts', queueSlotsRouter(deps));
  api.use('/queue', queueRouter(deps));
  api.use('/posts', postsRouter({ ...deps, settings: deps.platformSettings ?? {}, jobs, mailer }));
  api.use(approvalsRouter({ ...deps, mailer }));
  api.use('/notifications', notificationsRouter({ ...deps, mailer }));
  api.use('/calendar', calendarRouter(deps));
  if (deps.mediaDir) api.use('/media', mediaRouter({ db: deps.db, mediaDir: deps.mediaDir }));
  api.use('/imports', importsRouter({ ...deps, settings: deps.platformSettings ?? {}, allowPrivateMediaHosts: deps.importAllowPrivateMediaHosts ?? loadImportConfig().allowPrivateMediaHosts }));
  api.use('/deliveries', deliveriesRouter({ ...deps, webBaseUrls: deps.webBaseUrls ?? {} }));
  api.use('/admin/watch-words', watchWordsRouter(deps));
  api.use('/admin', adminRouter(deps));
  api.use(auditRouter(deps));
  api.use(activityRouter({ db: deps.db, inactiveDays: deps.inactiveDays ?? loadActivityConfig().inactiveDays }));
  api.use((_req, _res, next) => next(new AppError('not_found')));
  app.use('/api', api);

  const dist = deps.clientDistDir;
  if (dist && existsSync(join(dist, 'index.html'))) {
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|admin\/queues|metrics).*/, (_req, res) => res.sendFile(join(dist, 'index.html')));
  }
  app.use(problemMiddleware(deps.logger));
  return app;
}
