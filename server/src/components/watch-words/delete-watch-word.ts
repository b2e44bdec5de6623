import { AppError } from '@siar/shared';
import { appendAuditEvent, type TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { deleteWatchWordRow, findWatchWordRow } from './watch-words.repository';

/** Removes a word from the list (posts already pending stay pending: a supervisor decides them). */
export async function deleteWatchWord(o: { db: TDatabase; auth: TAuth; id: string }): Promise<void> {
  const current = await findWatchWordRow(o.db, o.id);
  if (!current) throw new AppError('not_found');
  await o.db.transaction().execute(async (trx) => {
    if (!(await deleteWatchWordRow(trx, o.id))) throw new AppError('not_found');
    await appendAuditEvent(trx, {
      actorId: o.auth.userId,
      action: 'watch_word.deleted',
      entity: 'watch_word',
      entityId: o.id,
      details: { word: current.word },
    });
  });
}
