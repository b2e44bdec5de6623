import { z } from 'zod';
import { parseEnv, resolveCommonEnv, ZCommonEnv } from '@siar/shared/node';

const ZServerEnv = ZCommonEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  /** Trust X-Forwarded-* from this many proxies (for Secure cookies behind TLS). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  SIAR_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  CLIENT_DIST_DIR: z.string().optional(),
  SIAR_STRICT_REDIS: z.enum(['0', '1', '']).optional(),
  /** The address people reach Siar at (behind a proxy: the https:// one); OAuth callbacks return there. */
  PUBLIC_BASE_URL: z.url().optional(),
  /** `1`: bulk imports may download media from private and loopback addresses (tests, demo). */
  SIAR_IMPORT_ALLOW_PRIVATE_MEDIA_HOSTS: z.enum(['0', '1', '']).optional(),
});

/** The bulk-import settings alone, for an app built without them (tests set the variable). */
export function loadImportConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = parseEnv(ZServerEnv.pick({ SIAR_IMPORT_ALLOW_PRIVATE_MEDIA_HOSTS: true }), env);
  return { allowPrivateMediaHosts: parsed.SIAR_IMPORT_ALLOW_PRIVATE_MEDIA_HOSTS === '1' };
}

export function loadServerConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = parseEnv(ZServerEnv, env);
  return { ...resolveCommonEnv(parsed), port: parsed.PORT, host: parsed.HOST, trustProxy: parsed.TRUST_PROXY, adminPassword: parsed.SIAR_ADMIN_PASSWORD, clientDistDir: parsed.CLIENT_DIST_DIR, strictRedis: parsed.SIAR_STRICT_REDIS === '1', publicBaseUrl: parsed.PUBLIC_BASE_URL, importAllowPrivateMediaHosts: parsed.SIAR_IMPORT_ALLOW_PRIVATE_MEDIA_HOSTS === '1' };
}
export type TServerConfig = ReturnType<typeof loadServerConfig>;
