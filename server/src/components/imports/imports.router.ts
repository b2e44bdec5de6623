import { Router, type Request, type Response } from 'express';
import { IMPORT_MAX_BYTES, ZId, ZImportListQuery, ZImportQuery } from '@siar/shared';
import type { TDatabase, TLogger, TPlatformSettings } from '@siar/shared/node';
import { parseInput } from '../../libraries/http/validate';
import { requestLocale } from '../../libraries/i18n/request-locale';
import type { TPublishScheduler } from '../../libraries/queue/publish-scheduler';
import { fileTooLarge } from '../media/media-errors';
import { commitImport } from './commit-import';
import { createImport } from './create-import';
import { discardImport } from './discard-import';
import { getImport } from './get-import';
import { createImportRunner } from './import-runner';
import { buildImportTemplate } from './import-template';
import { listImports } from './list-imports';
import { receiveCsv } from './receive-csv';

export interface TImportsRouterDeps {
  db: TDatabase;
  scheduler: TPublishScheduler;
  logger: TLogger;
  settings: Record<string, TPlatformSettings>;
  /** Where media downloaded for rows is stored; rows with a media URL fail without it. */
  mediaDir?: string | undefined;
  /** Off in production: a row's media URL may not point into the server's own network. */
  allowPrivateMediaHosts: boolean;
}

/** Multipart headers around the file. */
const MULTIPART_OVERHEAD = 16 * 1024;

/** A refused upload is read out (it is small), so the client surely sees the answer. */
function stopReading(req: Request, res: Response): void {
  if (req.complete) return;
  if (Number(req.headers['content-length']) <= IMPORT_MAX_BYTES + MULTIPART_OVERHEAD) req.resume();
  else res.set('Connection', 'close');
}

export function importsRouter(deps: TImportsRouterDeps): Router {
  // Runs live in this process; one that dies with it is resumed by the next commit (see commitImport).
  const runner = createImportRunner(deps);
  const router = Router();
  const idOf = (raw: unknown) => {
    const id = ZId.safeParse(raw);
    return id.success ? id.data : '';
  };

  router.get('/template.csv', async (req, res) => {
    const csv = await buildImportTemplate({ db: deps.db, auth: req.auth! });
    res.set('Content-Disposition', 'attachment; filename="templat-impor-siar.csv"').type('text/csv; charset=utf-8').send(csv);
  });
  router.get('/', async (req, res) => {
    res.json(await listImports({ db: deps.db, auth: req.auth!, query: parseInput(ZImportListQuery, req.query) }));
  });
  router.post('/', async (req, res) => {
    const tooLarge = () => fileTooLarge(requestLocale(req), IMPORT_MAX_BYTES);
    let file;
    try {
      if (Number(req.headers['content-length']) > IMPORT_MAX_BYTES + MULTIPART_OVERHEAD) throw tooLarge();
      file = await receiveCsv(req, { maxBytes: IMPORT_MAX_BYTES, tooLarge });
    } catch (error) {
      stopReading(req, res);
      throw error;
    }
    res.status(201).json(await createImport({ db: deps.db, auth: req.auth!, file, allowPrivateMediaHosts: deps.allowPrivateMediaHosts }));
  });
  router.get('/:id', async (req, res) => {
    const query = parseInput(ZImportQuery, req.query);
    res.json(await getImport({ db: deps.db, runner, auth: req.auth!, id: idOf(req.params.id), withRows: query.rows === '1' }));
  });
  router.post('/:id/commit', async (req, res) => {
    const result = await commitImport({ db: deps.db, runner, auth: req.auth!, id: idOf(req.params.id) });
    res.status(result.status).json(result.body);
  });
  router.post('/:id/discard', async (req, res) => {
    res.json(await discardImport({ db: deps.db, runner, auth: req.auth!, id: idOf(req.params.id) }));
  });
  return router;
}
