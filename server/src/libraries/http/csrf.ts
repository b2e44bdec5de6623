import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '@siar/shared';
import { CSRF_COOKIE, readCookie } from './cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Double-submit: a script-readable cookie, set on any response that finds it missing, must
 * be echoed in `X-CSRF-Token` on every unsafe request (login included). A cross-site page
 * can make the browser send the cookie but cannot read it to set the header.
 */
export function csrfProtection(names: { cookie: string; header: string; path: string } = { cookie: CSRF_COOKIE, header: 'x-csrf-token', path: '/' }): RequestHandler {
  return (req, res, next) => {
    const cookie = readCookie(req, names.cookie);
    if (!cookie) {
      res.cookie(names.cookie, randomBytes(24).toString('base64url'), { httpOnly: false, sameSite: 'lax', secure: req.secure, path: names.path });
    }
    if (SAFE_METHODS.has(req.method)) return next();
    const header = req.get(names.header);
    if (!cookie || !header || !same(cookie, header)) return next(new AppError('csrf'));
    next();
  };
}
