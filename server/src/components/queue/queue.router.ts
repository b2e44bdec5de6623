import { Router } from 'express';
import { ZId, ZQueueQuery, ZQueueSlotsRequest } from '@siar/shared';
import type { TDatabase, TLogger } from '@siar/shared/node';
import { parseInput } from '../../libraries/http/validate';
import { getQueue } from './get-queue';
import { getQueueSlots } from './get-queue-slots';
import { replaceQueueSlots } from './replace-queue-slots';

interface TQueueDeps {
  db: TDatabase;
  logger: TLogger;
}

const idOf = (raw: unknown) => {
  const id = ZId.safeParse(raw);
  return id.success ? id.data : '';
};

/** Mounted at /api/accounts beside the accounts router: `/:id/queue-slots`. */
export function queueSlotsRouter(deps: TQueueDeps): Router {
  const router = Router();
  router.get('/:id/queue-slots', async (req, res) => {
    res.json(await getQueueSlots({ db: deps.db, auth: req.auth!, accountId: idOf(req.params.id) }));
  });
  router.put('/:id/queue-slots', async (req, res) => {
    const input = parseInput(ZQueueSlotsRequest, req.body);
    res.json(await replaceQueueSlots({ ...deps, auth: req.auth!, accountId: idOf(req.params.id), input }));
  });
  return router;
}

/** Mounted at /api/queue. */
export function queueRouter(deps: TQueueDeps): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await getQueue({ db: deps.db, auth: req.auth!, query: parseInput(ZQueueQuery, req.query) }));
  });
  return router;
}
