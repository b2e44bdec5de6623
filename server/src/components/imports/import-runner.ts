import { AppError, ZCreatePostRequest } from '@siar/shared';
import type { ImportRowTable, TDatabase, TLogger, TPlatformSettings } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { parseInput } from '../../libraries/http/validate';
import type { TPublishScheduler } from '../../libraries/queue/publish-scheduler';
import { findAccountsByIds } from '../accounts/accounts.repository';
import { createPost } from '../posts/create-post';
import { MediaDownloadError } from './download-media';
import { importMedia, rowErrorOfDownload } from './import-media';
import { rowErrorsOfAppError, type TStoredRowError } from './import-row-errors';
import { claimRow, findPendingRows, findUnrecordedPost, markRowCreated, markRowFailed, setImportStatus, touchImport } from './imports.repository';

export interface TImportRunnerDeps {
  db: TDatabase;
  scheduler: TPublishScheduler;
  logger: TLogger;
  settings: Record<string, TPlatformSettings>;
  mediaDir?: string | undefined;
  allowPrivateMediaHosts: boolean;
}

export interface TImportRun {
  importId: string;
  createdAt: string;
  /** Who started the commit (a resumed run may be someone else's). */
  committedBy: string;
  auth: TAuth;
}

export interface TImportRunner {
  isRunning(importId: string): boolean;
  /** Starts a run unless one is going in this process; it goes on after the request is answered. */
  start(run: TImportRun): void;
  /** Resolves when no run is going in this process (tests, shutdown). */
  idle(): Promise<void>;
}

/** A run not heard from for this long is taken to be dead (a restart) and may be resumed. */
export const STALE_RUN_MS = 60_000;
/** How often a live run says so (updated_at), well within STALE_RUN_MS. */
const HEARTBEAT_MS = 15_000;
const PAGE = 50;

/** The row's post: created once, whatever happened before. */
async function processRow(deps: TImportRunnerDeps, run: TImportRun, row: ImportRowTable): Promise<void> {
  const { db } = deps;
  const { auth } = run;
  const now = () => new Date().toISOString();
  if (row.status === 'creating') {
    // An earlier run stopped between creating this row's post and recording it.
    const postId = await findUnrecordedPost(db, { importId: run.importId, authorIds: [...new Set([run.committedBy, auth.userId])], text: row.raw_text.trim(), since: run.createdAt });
    if (postId) return markRowCreated(db, { importId: run.importId, rowId: row.id, postId, now: now() });
  } else if (!(await claimRow(db, row.id))) {
    return;
  }
  let postId: string;
  try {
    const accountIds = JSON.parse(row.account_ids) as string[];
    let mediaIds: string[] | undefined;
    if (row.raw_media_url.trim()) {
      const [account] = await findAccountsByIds(db, auth.opdIds, accountIds.slice(0, 1));
      if (account) mediaIds = [await importMedia({ db, mediaDir: deps.mediaDir, auth, opdId: account.opd_id, url: row.raw_media_url.trim(), allowPrivateHosts: deps.allowPrivateMediaHosts })];
    }
    const input = parseInput(ZCreatePostRequest, { accountIds, text: row.raw_text, scheduledAt: row.scheduled_at, ...(mediaIds ? { mediaIds } : {}) });
    postId = (await createPost({ db, scheduler: deps.scheduler, logger: deps.logger, settings: deps.settings, auth, input })).id;
  } catch (error) {
    let errors: TStoredRowError[];
    if (error instanceof MediaDownloadError) errors = [rowErrorOfDownload(error, auth.locale)];
    else if (error instanceof AppError) errors = rowErrorsOfAppError(error, auth.locale, error.fieldErrors?.some((e) => e.field === 'file') ? 'mediaUrl' : undefined);
    else {
      deps.logger.error({ err: error, importId: run.importId, rowNumber: row.row_number }, 'import row failed');
      errors = rowErrorsOfAppError(new AppError('internal'), auth.locale);
    }
    return markRowFailed(db, { importId: run.importId, rowId: row.id, errors: JSON.stringify(errors), now: now() });
  }
  await markRowCreated(db, { importId: run.importId, rowId: row.id, postId, now: now() });
}

/**
 * Turns the valid rows still without a post into posts, in file order, through the same use
 * case as the composer. Each row's post id is recorded as soon as its post exists, so a run
 * resumed after a restart continues where this one stopped and never creates a post twice.
 */
async function runImport(deps: TImportRunnerDeps, run: TImportRun): Promise<void> {
  const heartbeat = setInterval(() => void touchImport(deps.db, run.importId, new Date().toISOString()).catch(() => undefined), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const seen = new Set<string>();
    for (;;) {
      const rows = await findPendingRows(deps.db, run.importId, PAGE);
      if (rows.length === 0) break;
      // A row still pending after its turn is held by another run: stop, leaving the import resumable.
      if (rows.every((row) => seen.has(row.id))) throw new Error('import rows are held by another run');
      for (const row of rows.filter((r) => !seen.has(r.id))) {
        seen.add(row.id);
        await processRow(deps, run, row);
      }
    }
    await setImportStatus(deps.db, run.importId, 'committing', 'done', new Date().toISOString());
    deps.logger.info({ importId: run.importId }, 'import committed');
  } finally {
    clearInterval(heartbeat);
  }
}

export function createImportRunner(deps: TImportRunnerDeps): TImportRunner {
  const running = new Map<string, Promise<void>>();
  return {
    isRunning: (importId) => running.has(importId),
    start(run) {
      if (running.has(run.importId)) return;
      const going = runImport(deps, run)
        // The run stays `committing`: once its heartbeat is stale, committing again resumes it.
        .catch((err: unknown) => deps.logger.error({ err, importId: run.importId }, 'import run stopped'))
        .finally(() => running.delete(run.importId));
      running.set(run.importId, going);
    },
    idle: async () => {
      await Promise.all(running.values());
    },
  };
}
