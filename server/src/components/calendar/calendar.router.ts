import { Router } from 'express';
import { ZCalendarQuery } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { createJsonCache, sendCachedJson } from '../../libraries/http/cached-json';
import { parseInput } from '../../libraries/http/validate';
import { listCalendar } from './list-calendar';

export function calendarRouter(deps: { db: TDatabase }): Router {
  const router = Router();
  const cache = createJsonCache();
  router.get('/', async (req, res) => {
    const auth = req.auth!;
    const query = parseInput(ZCalendarQuery, req.query);
    // The answer is a function of the database, the scope this request was authorized with
    // (read before the version, so it is part of the key) and the whole parsed query.
    const key = JSON.stringify([auth.userId, auth.role, auth.opdIds, query]);
    await sendCachedJson(req, res, { cache, db: deps.db, key, compute: () => listCalendar({ db: deps.db, auth, query }) });
  });
  return router;
}
