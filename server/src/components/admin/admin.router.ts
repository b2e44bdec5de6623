import { Router, type RequestHandler } from 'express';
import { AppError, ZCreateOpdRequest, ZCreateUserRequest, ZUpdateOpdRequest, ZUpdateUserRequest } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { parseInput } from '../../libraries/http/validate';
import { idOf } from './admin-errors';
import { findUserRows } from './admin-users.repository';
import { createOpd } from './create-opd';
import { createResetLink } from './create-reset-link';
import { createUser } from './create-user';
import { toAdminOpds } from './opd-dto';
import { findOpdRows } from './opds.repository';
import { setUserActive } from './set-user-active';
import { updateOpd } from './update-opd';
import { updateUser } from './update-user';
import { toAdminUsers } from './user-dto';

/** Supervisors and operators are refused every admin route, reads included. */
const requireAdmin: RequestHandler = (req, _res, next) => next(req.auth?.role === 'admin' ? undefined : new AppError('forbidden'));

/** /api/admin: OPDs and people. Lists are whole (about 40 OPDs, 100 people): nextCursor is null. */
export function adminRouter(deps: { db: TDatabase; publicBaseUrl?: string | undefined }): Router {
  const { db } = deps;
  const router = Router();
  router.use(requireAdmin);

  router.get('/opds', async (_req, res) => {
    res.json({ items: await toAdminOpds(db, await findOpdRows(db)), nextCursor: null });
  });
  router.post('/opds', async (req, res) => {
    res.status(201).json(await createOpd({ db, auth: req.auth!, input: parseInput(ZCreateOpdRequest, req.body) }));
  });
  router.patch('/opds/:id', async (req, res) => {
    res.json(await updateOpd({ db, auth: req.auth!, id: idOf(req.params.id), input: parseInput(ZUpdateOpdRequest, req.body) }));
  });

  router.get('/users', async (_req, res) => {
    res.json({ items: await toAdminUsers(db, await findUserRows(db)), nextCursor: null });
  });
  router.post('/users', async (req, res) => {
    res.status(201).json(await createUser({ db, auth: req.auth!, input: parseInput(ZCreateUserRequest, req.body) }));
  });
  router.patch('/users/:id', async (req, res) => {
    res.json(await updateUser({ db, auth: req.auth!, id: idOf(req.params.id), input: parseInput(ZUpdateUserRequest, req.body) }));
  });
  router.post('/users/:id/deactivate', async (req, res) => {
    res.json(await setUserActive({ db, auth: req.auth!, id: idOf(req.params.id), active: false }));
  });
  router.post('/users/:id/reactivate', async (req, res) => {
    res.json(await setUserActive({ db, auth: req.auth!, id: idOf(req.params.id), active: true }));
  });
  router.post('/users/:id/reset-link', async (req, res) => {
    const publicBaseUrl = deps.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`;
    res.status(201).json(await createResetLink({ db, auth: req.auth!, id: idOf(req.params.id), publicBaseUrl }));
  });
  return router;
}
