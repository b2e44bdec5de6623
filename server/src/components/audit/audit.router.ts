import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { ZAuditListQuery } from '@siar/shared';
import type { TDatabase, TLogger } from '@siar/shared/node';
import { parseInput } from '../../libraries/http/validate';
import { auditCsvLines } from './export-audit-csv';
import { listAuditActors } from './list-audit-actors';
import { listAuditEvents } from './list-audit-events';

/** GET /api/audit (JSON pages), /api/audit/actors and /api/audit.csv (the same filters, streamed). */
export function auditRouter(deps: { db: TDatabase; logger: TLogger }): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    res.json(await listAuditEvents({ db: deps.db, auth: req.auth!, query: parseInput(ZAuditListQuery, req.query) }));
  });
  // For the page's "who" filter: everyone who can act (supervisors cannot read /api/admin/users).
  router.get('/audit/actors', async (req, res) => {
    res.json({ items: await listAuditActors({ db: deps.db, auth: req.auth! }), nextCursor: null });
  });
  router.get('/audit.csv', async (req, res) => {
    const { cursor: _cursor, limit: _limit, ...query } = parseInput(ZAuditListQuery, req.query);
    const lines = auditCsvLines({ db: deps.db, auth: req.auth!, query });
    res.status(200).type('text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="siar-audit-${new Date().toISOString().slice(0, 10)}.csv"`);
    res.set('Cache-Control', 'no-store');
    try {
      await pipeline(Readable.from(lines), res);
    } catch (err) {
      // Headers are gone by now: the client sees a cut-off download; the log says why.
      deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'audit CSV export interrupted');
    }
  });
  return router;
}
