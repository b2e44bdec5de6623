import { Router } from 'express';
import { ZActivityDeliveriesQuery, ZActivityQuery, ZActivitySeriesQuery } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import { parseInput } from '../../libraries/http/validate';
import { getActivitySeries } from './activity-series';
import { activityCsv } from './export-activity-csv';
import { getActivityOverview } from './get-activity-overview';
import { listActivityDeliveries } from './list-activity-deliveries';

/** GET /api/activity (JSON), /api/activity.csv (the same, one row per account), /api/activity/deliveries, /api/activity/series (charts). */
export function activityRouter(deps: { db: TDatabase; inactiveDays: number }): Router {
  const router = Router();
  router.get('/activity', async (req, res) => {
    res.json(await getActivityOverview({ db: deps.db, auth: req.auth!, query: parseInput(ZActivityQuery, req.query), inactiveDays: deps.inactiveDays }));
  });
  router.get('/activity.csv', async (req, res) => {
    const overview = await getActivityOverview({ db: deps.db, auth: req.auth!, query: parseInput(ZActivityQuery, req.query), inactiveDays: deps.inactiveDays });
    res.status(200).type('text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="siar-aktivitas-${overview.from.slice(0, 10)}.csv"`);
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
