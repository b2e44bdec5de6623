import { AppError, IMPORT_PREVIEW_TTL_MS, type TImport } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findImportOr404, importState, isStale } from './get-import';
import type { TImportRunner } from './import-runner';
import { startCommit, takeOverStaleRun } from './imports.repository';

/**
 * Schedules an import's valid rows in the background and answers at once (202) with its state.
 * Exactly one run per import: preview → committing is one conditional update, so of several
 * simultaneous commits one starts the run and the others see it going. Committing an import
 * that is already committing answers its progress; one whose run died (a restart) is resumed
 * from the rows without a post. A done import answers 200 with its result.
 */
export async function commitImport(o: { db: TDatabase; runner: TImportRunner; auth: TAuth; id: string; now?: Date }): Promise<{ status: 200 | 202; body: TImport }> {
  const { db, runner, auth } = o;
  const now = o.now ?? new Date();
  const batch = await findImportOr404(db, auth, o.id);
  const run = { importId: batch.id, createdAt: batch.created_at, committedBy: batch.committed_by ?? auth.userId, auth };
  const answer = async (status: 200 | 202) => ({ status, body: await importState({ db, runner, auth, batch: await findImportOr404(db, auth, batch.id), withRows: false, now }) });

  if (batch.status === 'discarded') throw new AppError('invalid_transition');
  if (batch.status === 'done') return answer(200);
  if (batch.status === 'committing') {
    if (isStale(batch, runner, now) && (await takeOverStaleRun(db, batch.id, batch.updated_at, now.toISOString()))) runner.start(run);
    return answer(202);
  }
  if (Date.parse(batch.created_at) < now.getTime() - IMPORT_PREVIEW_TTL_MS) throw new AppError('validation', { fieldErrors: [{ field: 'id', key: 'import_expired' }] });
  if (Number(batch.valid_rows) === 0) throw new AppError('validation', { fieldErrors: [{ field: 'id', key: 'import_nothing_valid' }] });
  if (await startCommit(db, batch.id, auth.userId, now.toISOString())) runner.start({ ...run, committedBy: auth.userId });
  return answer(202);
}
