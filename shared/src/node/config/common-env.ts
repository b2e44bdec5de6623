import { resolve } from 'node:path';
import { z } from 'zod';
import type { TPrices } from '../../platforms/rules';
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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export function resolveCommonEnv(env: z.infer<typeof ZCommonEnv>) {
  const dataDir = resolve(env.DATA_DIR);
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
