import type { Request } from 'express';
import type { TLocale } from '@siar/shared';

/**
 * The UI's language when the client names exactly one (`Accept-Language: en`), else the
 * signed-in user's locale, else the browser's first preference, else Bahasa Indonesia.
 */
export function requestLocale(req: Request): TLocale {
  const header = (req.headers['accept-language'] ?? '').trim().toLowerCase();
  if (header === 'id' || header === 'en') return header;
  if (req.auth) return req.auth.locale;
  return header.startsWith('en') ? 'en' : 'id';
}
