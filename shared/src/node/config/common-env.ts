import { resolve } from 'node:path';
import { z } from 'zod';
import type { TPrices } from '../../platforms/rules';
import { INSTAGRAM_DEFAULT_POSTS_PER_24H } from '../../platforms/instagram';
import { X_DEFAULT_APP_POSTS_PER_24H, X_DEFAULT_POSTS_PER_15MIN_PER_USER, X_DEFAULT_PRICES } from '../../platforms/x';
import { redisTarget, ZSentinelList } from '../redis/redis-target';

const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/**
 * Settings both the server and the worker read. Parsed once at boot by each app's
 * `config/env.ts`; a bad value stops the process with the variable's name.
 */
export const ZCommonEnv = z.object({
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
  /** Redis Sentinel instead of REDIS_URL: "host:port,host:port" (with the group's name below). */
  REDIS_SENTINELS: ZSentinelList.optional(),
  REDIS_SENTINEL_NAME: z.string().regex(/^[A-Za-z0-9._-]+$/).optional(),
  REDIS_PASSWORD: z.string().optional(),
  REDIS_SENTINEL_PASSWORD: z.string().optional(),
  /** Key prefix of every queue: distinct per deployment when several share one Redis. */
  SIAR_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('siar'),
  SIAR_ENCRYPTION_KEY: z.string().optional(),
  SIAR_KEY_FILE: z.string().optional(),
  SIAR_DEMO: boolish,
  X_API_BASE_URL: z.url().default('https://api.x.com'),
  X_WEB_BASE_URL: z.url().default('https://x.com'),
  /** The X app's OAuth 2.0 client (developer portal); without it the deployment runs in demo mode. */
  X_CLIENT_ID: z.string().min(1).optional(),
  X_CLIENT_SECRET: z.string().min(1).optional(),
  X_AUTHORIZE_BASE_URL: z.url().default('https://x.com'),
  /** Same or nearly the same text to several X accounts within 24 h: warn (default) or refuse. */
  X_SIMILAR_CONTENT: z.enum(['warn', 'refuse']).default('warn'),
  X_PRICE_POST_USD: z.coerce.number().min(0).default(X_DEFAULT_PRICES.post),
  X_PRICE_POST_WITH_URL_USD: z.coerce.number().min(0).default(X_DEFAULT_PRICES.postWithUrl),
  X_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  X_POSTS_PER_15MIN_PER_USER: z.coerce.number().int().min(1).default(X_DEFAULT_POSTS_PER_15MIN_PER_USER),
  X_APP_POSTS_PER_24H: z.coerce.number().int().min(1).default(X_DEFAULT_APP_POSTS_PER_24H),
  /** The Meta app (Facebook Login); without it Facebook and Instagram accounts cannot be connected. */
  META_APP_ID: z.string().min(1).optional(),
  META_APP_SECRET: z.string().min(1).optional(),
  META_GRAPH_VERSION: z.string().regex(/^v\d{1,3}\.\d{1,2}$/, 'must look like v23.0').default('v23.0'),
  META_API_BASE_URL: z.url().default('https://graph.facebook.com'),
  /** The Facebook Login dialog and links to Page posts. */
  META_WEB_BASE_URL: z.url().default('https://www.facebook.com'),
  INSTAGRAM_WEB_BASE_URL: z.url().default('https://www.instagram.com'),
  META_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** Instagram containers: first wait between status checks, and the longest a publish waits for processing. */
  META_CONTAINER_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(2_000),
  META_CONTAINER_WAIT_MS: z.coerce.number().int().min(100).max(3600_000).default(300_000),
  INSTAGRAM_POSTS_PER_24H: z.coerce.number().int().min(1).default(INSTAGRAM_DEFAULT_POSTS_PER_24H),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export function resolveCommonEnv(env: z.infer<typeof ZCommonEnv>) {
  const dataDir = resolve(env.DATA_DIR);
  // Facebook and Instagram share the Meta app, the Graph API and Facebook Login.
  const meta = {
    apiBaseUrl: env.META_API_BASE_URL,
    graphVersion: env.META_GRAPH_VERSION,
    authorizeBaseUrl: env.META_WEB_BASE_URL,
    requestTimeoutMs: env.META_REQUEST_TIMEOUT_MS,
    appId: env.META_APP_ID,
    appSecret: env.META_APP_SECRET,
    containerPollMs: env.META_CONTAINER_POLL_MS,
    containerWaitMs: env.META_CONTAINER_WAIT_MS,
    postsPer24h: env.INSTAGRAM_POSTS_PER_24H,
  };
  return {
    ...env,
    dataDir,
    databaseUrl: env.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'siar.db')}`,
    keyFile: env.SIAR_KEY_FILE ? resolve(env.SIAR_KEY_FILE) : resolve(dataDir, 'siar.key'),
    redis: redisTarget(env),
    /** Per platform: what generic code needs of its configuration (prices, the similar-content policy). */
    platformSettings: {
      x: { similarContent: env.X_SIMILAR_CONTENT, prices: { currency: 'USD', post: env.X_PRICE_POST_USD, postWithUrl: env.X_PRICE_POST_WITH_URL_USD } },
    } as Record<string, TPlatformSettings>,
    platforms: {
      x: {
        apiBaseUrl: env.X_API_BASE_URL,
        webBaseUrl: env.X_WEB_BASE_URL,
        requestTimeoutMs: env.X_REQUEST_TIMEOUT_MS,
        postsPer15MinPerUser: env.X_POSTS_PER_15MIN_PER_USER,
        appPostsPer24h: env.X_APP_POSTS_PER_24H,
        clientId: env.X_CLIENT_ID,
        clientSecret: env.X_CLIENT_SECRET,
        authorizeBaseUrl: env.X_AUTHORIZE_BASE_URL,
      },
      facebook: { ...meta, webBaseUrl: env.META_WEB_BASE_URL },
      instagram: { ...meta, webBaseUrl: env.INSTAGRAM_WEB_BASE_URL },
    },
  };
}
export type TCommonConfig = ReturnType<typeof resolveCommonEnv>;

export interface TPlatformSettings {
  similarContent: 'warn' | 'refuse';
  prices?: TPrices;
}

/** Parses an env object, failing with every bad variable named (never its value). */
export function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
