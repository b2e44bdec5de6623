import type { TWatchWord } from '@siar/shared';
import type { TWatchWordRow } from './watch-words.repository';

export function toWatchWordDto(row: TWatchWordRow): TWatchWord {
  return { id: row.id, word: row.word, createdByName: row.created_by_name ?? null, createdAt: row.created_at };
}
