import { Router } from 'express';
import { AppError, ZLoginRequest } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { clearSessionCookie, setSessionCookie } from '../../libraries/http/cookies';
import { parseInput } from '../../libraries/http/validate';
import { getMe } from './get-me';
import { login } from './login';
import { deleteSession, SESSION_ABSOLUTE_MS } from './sessions.repository';
import { authFromToken } from './session-middleware';

export function authRouter(db: TDatabase): Router {
  const router = Router();

  router.post('/login', async (req, res) => {
    const input = parseInput(ZLoginRequest, req.body);
    // A new token at every login; any session the browser had is ended.
    if (req.auth) await deleteSession(db, req.auth.sessionHash);
    const { token } = await login({ db, input });
    const auth = await authFromToken(db, token);
    if (!auth) throw new AppError('invalid_credentials');
    setSessionCookie(req, res, token, SESSION_ABSOLUTE_MS);
    res.json(await getMe({ db, auth }));
  });

  router.post('/logout', async (req, res) => {
    if (req.auth) await deleteSession(db, req.auth.sessionHash);
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.get('/me', async (req, res) => {
    if (!req.auth) throw new AppError('unauthenticated');
    res.json(await getMe({ db, auth: req.auth }));
  });

  return router;
}
