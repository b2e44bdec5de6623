import { Router } from 'express';
import { ZActivityDeliveriesQuery, ZActivityQuery, ZActivitySeriesQuery } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { createJsonCache, sendCachedJson } from '../../libraries/http/cached-json';
import { parseInput } from '../../libraries/http/validate';
import { getActivitySeries } from './activity-series';
import { activityCsv, activityCsvFileName } from './export-activity-csv';
import { getActivityOverview } from './get-activity-overview';
import { listActivityDeliveries } from './list-activity-deliveries';

const OVERVIEW_CLOCK_MS = 10_000;

/** GET /api/activity (JSON), /api/activity.csv (the same, one row per account), /api/activity/deliveries, /api/activity/series (charts). */
export function activityRouter(deps: { db: TDatabase; inactiveDays: number }): Router {
  const router = Router();
  const overviews = createJsonCache();
  router.get('/activity', async (req, res) => {
    const auth = req.auth!;
    const query = parseInput(ZActivityQuery, req.query);
    // Ages, "scheduled ahead" and the week in progress are counted from now: the answer is
    // computed for the start of a 10-second slot, so it is at most that old on the clock, and
    // never older than the last write (the data version).
    const now = new Date(Math.floor(Date.now() / OVERVIEW_CLOCK_MS) * OVERVIEW_CLOCK_MS);
    const key = JSON.stringify([auth.userId, auth.role, auth.opdIds, query, now.getTime()]);
    await sendCachedJson(req, res, { cache: overviews, db: deps.db, key, compute: () => getActivityOverview({ db: deps.db, auth, query, inactiveDays: deps.inactiveDays, now }) });
  });
  router.get('/activity.csv', async (req, res) => {
    const overview = await getActivityOverview({ db: deps.db, auth: req.auth!, query: parseInput(ZActivityQuery, req.query), inactiveDays: deps.inactiveDays });
    res.status(200).type('text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="${activityCsvFileName(overview, req.auth!.timezone)}"`);
    res.set('Cache-Control', 'no-store');
    res.send(activityCsv(overview, req.auth!.timezone));
  });
  router.get('/activity/deliveries', async (req, res) => {
    res.json(await listActivityDeliveries({ db: deps.db, auth: req.auth!, query: parseInput(ZActivityDeliveriesQuery, req.query) }));
  });
  router.get('/activity/series', async (req, res) => {
    res.json(await getActivitySeries({ db: deps.db, auth: req.auth!, query: parseInput(ZActivitySeriesQuery, req.query) }));
  });
  return router;
}
