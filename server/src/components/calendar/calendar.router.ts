import { Router } from 'express';
import { ZCalendarQuery } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { parseInput } from '../../libraries/http/validate';
import { listCalendar } from './list-calendar';

export function calendarRouter(deps: { db: TDatabase }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await listCalendar({ db: deps.db, auth: req.auth!, query: parseInput(ZCalendarQuery, req.query) }));
  });
  return router;
}
