import type { TImport, TImportRow } from '@siar/shared';

export const ROWS_PER_PAGE = 50;
const EXCERPT_CHARS = 120;

/** The rows shown: all, or only those with a problem (at preview) or that failed (after commit). */
export function visibleRows(rows: readonly TImportRow[], onlyProblems: boolean): TImportRow[] {
  return onlyProblems ? rows.filter((row) => row.errors.length > 0) : [...rows];
}

/** One page of rows (1-based page), and how many pages there are. */
export function pageOf<T>(items: readonly T[], page: number, size = ROWS_PER_PAGE): { items: T[]; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, page), pages);
  return { items: items.slice((current - 1) * size, current * size), pages };
}

/** The start of a text on one line, for a table cell. */
export function excerpt(text: string, chars = EXCERPT_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > chars ? `${line.slice(0, chars - 1).trimEnd()}…` : line;
}

/** A preview can be scheduled while it is fresh and has valid rows. */
export function canCommit(state: Pick<TImport, 'status' | 'validRows' | 'expiresAt'>, now = Date.now()): boolean {
  return state.status === 'preview' && state.validRows > 0 && Date.parse(state.expiresAt) > now;
}
