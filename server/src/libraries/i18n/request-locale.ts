import type { Request } from 'express';
import type { TLocale } from '@siar/shared';

/** The signed-in user's locale, else the browser's preference, else Bahasa Indonesia. */
export function requestLocale(req: Request): TLocale {
  if (req.auth) return req.auth.locale;
  const header = req.headers['accept-language'] ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'id';
}
