import { z } from 'zod';
import { parseEnv, resolveCommonEnv, ZCommonEnv } from '@siar/shared/node';

const ZLauncherEnv = ZCommonEnv.extend({
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  SIAR_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** Where the demo X emulator listens; defaults to PORT + 1 so demo links stay stable. */
  X_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  REDIS_SERVER_BIN: z.string().default('redis-server'),
  SIAR_DEMO: z.enum(['1', '0', 'true', 'false', '']).optional(),
});

export function loadLauncherConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = parseEnv(ZLauncherEnv, env);
  const common = resolveCommonEnv({ ...parsed, REDIS_URL: parsed.REDIS_URL ?? 'redis://127.0.0.1:6379', SIAR_DEMO: parsed.SIAR_DEMO === '1' || parsed.SIAR_DEMO === 'true' });
  // Demo mode: no platform's app credentials configured (X's client, Meta's app…), unless SIAR_DEMO says otherwise.
  const configured = Object.values(common.platforms).some((p) => Boolean(('clientId' in p && p.clientId) || ('appId' in p && p.appId)));
  const demo = parsed.SIAR_DEMO ? common.SIAR_DEMO : !configured;
  return {
    ...common,
    demo,
    externalRedisUrl: parsed.REDIS_URL,
    port: parsed.PORT,
    adminPassword: parsed.SIAR_ADMIN_PASSWORD,
    emulatorPort: parsed.X_EMULATOR_PORT ?? Math.min(parsed.PORT + 1, 65535),
    redisServerBin: parsed.REDIS_SERVER_BIN,
    /** What the launcher passes on to its children, besides the variables it sets. */
    inheritedEnv: env,
  };
}
export type TLauncherConfig = ReturnType<typeof loadLauncherConfig>;
