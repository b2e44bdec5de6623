import { AppError, type TImport } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { toImportDto } from './import-dto';
import { STALE_RUN_MS, type TImportRunner } from './import-runner';
import { findImport, findImportRows, type TImportBatchRow } from './imports.repository';

export const scopeOf = (auth: TAuth) => ({ userId: auth.userId, opdIds: auth.opdIds });

/** Committing, yet no run here and none heard from lately: the process running it is gone. */
export function isStale(batch: TImportBatchRow, runner: TImportRunner, now: Date): boolean {
  return batch.status === 'committing' && !runner.isRunning(batch.id) && Date.parse(batch.updated_at) < now.getTime() - STALE_RUN_MS;
}

/** An import outside the caller's scope answers 404, exactly like one that does not exist. */
export async function findImportOr404(db: TDatabase, auth: TAuth, id: string): Promise<TImportBatchRow> {
  const batch = await findImport(db, scopeOf(auth), id);
  if (!batch) throw new AppError('not_found');
  return batch;
}

export async function importState(o: { db: TDatabase; runner: TImportRunner; auth: TAuth; batch: TImportBatchRow; withRows: boolean; now?: Date }): Promise<TImport> {
  const rows = o.withRows ? await findImportRows(o.db, o.batch.id) : undefined;
  const failed = rows ? rows.filter((r) => r.status === 'failed') : await findImportRows(o.db, o.batch.id, { status: 'failed' });
  return toImportDto({ batch: o.batch, rows, failed, resumable: isStale(o.batch, o.runner, o.now ?? new Date()), locale: o.auth.locale });
}

export async function getImport(o: { db: TDatabase; runner: TImportRunner; auth: TAuth; id: string; withRows: boolean }): Promise<TImport> {
  return importState({ ...o, batch: await findImportOr404(o.db, o.auth, o.id) });
}
