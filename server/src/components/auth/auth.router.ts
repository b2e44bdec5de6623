import { Router, type Request, type Response } from 'express';
import type { Redis } from 'ioredis';
import { AppError, ZChangePasswordRequest, ZLoginRequest, ZResetPasswordRequest, ZResetTokenRequest } from '@siar/shared';
import { appendAuditEvent, type TDatabase, type TLogger } from '@siar/shared/node';
import { clearSessionCookie, setSessionCookie } from '../../libraries/http/cookies';
import { parseInput } from '../../libraries/http/validate';
import { changePassword } from './change-password';
import { getMe } from './get-me';
import { login } from './login';
import { createLoginThrottle } from './login-throttle';
import { checkResetLink, resetPassword } from './reset-password';
import { deleteSession, SESSION_ABSOLUTE_MS } from './sessions.repository';
import { authFromToken } from './session-middleware';

/** The client's address as Express resolves it (behind TRUST_PROXY proxies: X-Forwarded-For). */
const ipOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

function throttled(res: Response, retryAfterSeconds: number): never {
  res.set('Retry-After', String(retryAfterSeconds));
  throw new AppError('rate_limited');
}

export function authRouter(deps: { db: TDatabase; redis: Redis; prefix: string; logger: TLogger }): Router {
  const { db } = deps;
  const throttle = createLoginThrottle(deps);
  const router = Router();

  router.post('/login', async (req, res) => {
    const input = parseInput(ZLoginRequest, req.body);
    // A new token at every login; any session the browser had is ended.
    if (req.auth) await deleteSession(db, req.auth.sessionHash);
    const result = await login({ db, throttle, input, ip: ipOf(req) });
    if (!result.ok) throttled(res, result.retryAfterSeconds);
    const auth = await authFromToken(db, result.token);
    if (!auth) throw new AppError('invalid_credentials');
    setSessionCookie(req, res, result.token, SESSION_ABSOLUTE_MS);
    res.json(await getMe({ db, auth }));
  });

  router.post('/logout', async (req, res) => {
    if (req.auth) {
      await deleteSession(db, req.auth.sessionHash);
      await appendAuditEvent(db, {
        actorId: req.auth.userId,
        action: 'auth.logout',
        entity: 'user',
        entityId: req.auth.userId,
        details: { username: req.auth.username, ip: ipOf(req) },
      });
    }
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.get('/me', async (req, res) => {
    if (!req.auth) throw new AppError('unauthenticated');
    res.json(await getMe({ db, auth: req.auth }));
  });

  router.post('/password', async (req, res) => {
    if (!req.auth) throw new AppError('unauthenticated');
    const input = parseInput(ZChangePasswordRequest, req.body);
    const refused = await changePassword({ db, throttle, auth: req.auth, input, ip: ipOf(req) });
    if (refused) throttled(res, refused.retryAfterSeconds);
    res.status(204).end();
  });

  // Public: the person holding a one-time link has no session. POST, so the token stays out of logs.
  router.post('/reset-password/check', async (req, res) => {
    res.json(await checkResetLink({ db, token: parseInput(ZResetTokenRequest, req.body).token }));
  });

  router.post('/reset-password', async (req, res) => {
    await resetPassword({ db, input: parseInput(ZResetPasswordRequest, req.body), ip: ipOf(req) });
    res.status(204).end();
  });

  return router;
}
