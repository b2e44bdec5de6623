import { randomUUID } from 'node:crypto';
import { AppError, normalizeWatchText, type TWatchWord, type TWatchWordRequest } from '@siar/shared';
import { appendAuditEvent, type TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { isUniqueViolation, taken } from '../admin/admin-errors';
import { toWatchWordDto } from './watch-word-dto';
import { findWatchWordRow, insertWatchWord, updateWatchWordRow, watchWordOwner } from './watch-words.repository';

/** Stored as typed (trimmed, spaces collapsed); unique by its normalized form. */
function cleaned(word: string): { word: string; normalized: string } {
  return { word: word.normalize('NFKC').replace(/\s+/gu, ' ').trim(), normalized: normalizeWatchText(word) };
}

/** Adds a word (id absent) or changes one; either is audited with the word as it was and is. */
export async function saveWatchWord(o: { db: TDatabase; auth: TAuth; id?: string; input: TWatchWordRequest }): Promise<TWatchWord> {
  const { db, auth } = o;
  const next = cleaned(o.input.word);
  const current = o.id === undefined ? undefined : await findWatchWordRow(db, o.id);
  if (o.id !== undefined && !current) throw new AppError('not_found');
  const owner = await watchWordOwner(db, next.normalized);
  if (owner && owner !== o.id) throw taken('word', 'watch_word_taken');
  const id = o.id ?? randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      if (current) {
        if (!(await updateWatchWordRow(trx, id, next))) throw new AppError('not_found');
      } else {
        await insertWatchWord(trx, { id, ...next, created_by: auth.userId, created_at: new Date().toISOString() });
      }
      await appendAuditEvent(trx, {
        actorId: auth.userId,
        action: current ? 'watch_word.updated' : 'watch_word.created',
        entity: 'watch_word',
        entityId: id,
        details: current ? { from: current.word, to: next.word } : { word: next.word },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken('word', 'watch_word_taken');
    throw err;
  }
  return toWatchWordDto((await findWatchWordRow(db, id))!);
}
