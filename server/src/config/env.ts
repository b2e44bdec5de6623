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
  /** `smtp://user:pass@host:587` or `smtps://…:465`: notifications are also e-mailed. Unset: in the app only. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional().or(z.literal('').transform(() => undefined)),
  /** The sender, e.g. `Siar <siar@tangerangkab.go.id>`; required with SMTP_URL. */
  SMTP_FROM: z.string().max(300).optional(),
  /** Days without a published post before the activity overview flags an account "tidak aktif". */
  SIAR_INACTIVE_DAYS: z.coerce.number().int().min(1).max(365).default(7),
});

/** The bulk-import settings alone, for an app built without them (tests set the variable). */
export function loadImportConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = parseEnv(ZServerEnv.pick({ SIAR_IMPORT_ALLOW_PRIVATE_MEDIA_HOSTS: true }), env);
  return { allowPrivateMediaHosts: parsed.SIAR_IMPORT_ALLOW_PRIVATE_MEDIA_HOSTS === '1' };
}

/** The activity overview's settings alone (the app reads them when built without them). */
export function loadActivityConfig(env: NodeJS.ProcessEnv = process.env): { inactiveDays: number } {
  return { inactiveDays: parseEnv(ZServerEnv.pick({ SIAR_INACTIVE_DAYS: true }), env).SIAR_INACTIVE_DAYS };
}

/** E-mail for notifications: both set, or neither (off, the default). */
export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): { smtpUrl: string | undefined; from: string | undefined } {
  const parsed = parseEnv(ZServerEnv.pick({ SMTP_URL: true, SMTP_FROM: true }), env);
  if (parsed.SMTP_URL && !parsed.SMTP_FROM?.trim()) throw new Error('invalid configuration:\n  SMTP_FROM must be set when SMTP_URL is (the sender of notification e-mails)');
  return { smtpUrl: parsed.SMTP_URL, from: parsed.SMTP_FROM?.trim() || undefined };
}

export function loadServerConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = parseEnv(ZServerEnv, env);
  return { ...resolveCommonEnv(parsed), port: parsed.PORT, host: parsed.HOST, trustProxy: parsed.TRUST_PROXY, adminPassword: parsed.SIAR_ADMIN_PASSWORD, clientDistDir: parsed.CLIENT_DIST_DIR, strictRedis: parsed.SIAR_STRICT_REDIS === '1', publicBaseUrl: parsed.PUBLIC_BASE_URL, importAllowPrivateMediaHosts: parsed.SIAR_IMPORT_ALLOW_PRIVATE_MEDIA_HOSTS === '1' };
}
export type TServerConfig = ReturnType<typeof loadServerConfig>;
