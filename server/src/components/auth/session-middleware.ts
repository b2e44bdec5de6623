import type { RequestHandler } from 'express';
import { AppError } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { readCookie, SESSION_COOKIE } from '../../libraries/http/cookies';
import { findLiveSession } from './sessions.repository';

/** The auth context of a session token, or undefined when the session is not live. */
export async function authFromToken(db: TDatabase, token: string): Promise<TAuth | undefined> {
  const session = await findLiveSession(db, token);
  if (!session) return undefined;
  const opdIds =
    session.role === 'operator'
      ? (await db.selectFrom('membership').select('opd_id').where('user_id', '=', session.userId).execute()).map((m) => m.opd_id)
      : null;
  return {
    userId: session.userId,
    username: session.username,
    name: session.name,
    role: session.role,
    locale: session.locale,
    timezone: session.timezone,
    opdIds,
    sessionHash: session.token_hash,
  };
}

/** Attaches `req.auth` when the session cookie names a live session; never rejects. */
export function sessionMiddleware(db: TDatabase): RequestHandler {
  return async (req, _res, next) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) req.auth = await authFromToken(db, token);
    // The UI's chosen language, when it names exactly one, wins over the stored preference.
    const explicit = (req.headers['accept-language'] ?? '').trim().toLowerCase();
    if (req.auth && (explicit === 'id' || explicit === 'en')) req.auth.locale = explicit;
    next();
  };
}

export const requireAuth: RequestHandler = (req, _res, next) => {
  if (!req.auth) return next(new AppError('unauthenticated'));
  next();
};
