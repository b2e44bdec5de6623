import { AppError, type TImport } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findImportOr404, importState } from './get-import';
import type { TImportRunner } from './import-runner';
import { setImportStatus } from './imports.repository';

/** Closes a preview that will not be scheduled (leaving it would schedule nothing either). */
export async function discardImport(o: { db: TDatabase; runner: TImportRunner; auth: TAuth; id: string }): Promise<TImport> {
  const batch = await findImportOr404(o.db, o.auth, o.id);
  if (batch.status !== 'discarded' && !(await setImportStatus(o.db, batch.id, 'preview', 'discarded', new Date().toISOString()))) throw new AppError('invalid_transition');
  return importState({ ...o, batch: await findImportOr404(o.db, o.auth, batch.id), withRows: false });
}
