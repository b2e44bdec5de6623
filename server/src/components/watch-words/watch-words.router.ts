import { Router, type RequestHandler } from 'express';
import { AppError, ZWatchWordRequest } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { parseInput } from '../../libraries/http/validate';
import { idOf } from '../admin/admin-errors';
import { deleteWatchWord } from './delete-watch-word';
import { saveWatchWord } from './save-watch-word';
import { toWatchWordDto } from './watch-word-dto';
import { findWatchWordRows } from './watch-words.repository';

const requireAdmin: RequestHandler = (req, _res, next) => next(req.auth?.role === 'admin' ? undefined : new AppError('forbidden'));

/** /api/admin/watch-words: the list that sends posts to approval whatever the OPD's policy (admins only). */
export function watchWordsRouter(deps: { db: TDatabase }): Router {
  const { db } = deps;
  const router = Router();
  router.use(requireAdmin);
  router.get('/', async (_req, res) => {
    res.json({ items: (await findWatchWordRows(db)).map(toWatchWordDto), nextCursor: null });
  });
  router.post('/', async (req, res) => {
    res.status(201).json(await saveWatchWord({ db, auth: req.auth!, input: parseInput(ZWatchWordRequest, req.body) }));
  });
  router.patch('/:id', async (req, res) => {
    res.json(await saveWatchWord({ db, auth: req.auth!, id: idOf(req.params.id), input: parseInput(ZWatchWordRequest, req.body) }));
  });
  router.delete('/:id', async (req, res) => {
    await deleteWatchWord({ db, auth: req.auth!, id: idOf(req.params.id) });
    res.status(204).end();
  });
  return router;
}
