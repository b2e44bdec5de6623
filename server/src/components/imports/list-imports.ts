import { AppError, type TImportListQuery, type TImportSummary } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { scopeOf } from './get-import';
import { toImportSummary } from './import-dto';
import { findImportsPage } from './imports.repository';

function decodeCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt))) throw new AppError('validation', { fieldErrors: [{ field: 'cursor', key: 'invalid' }] });
  return { createdAt, id };
}

/** The caller's recent imports, newest first. */
export async function listImports(o: { db: TDatabase; auth: TAuth; query: TImportListQuery }): Promise<{ items: TImportSummary[]; nextCursor: string | null }> {
  const rows = await findImportsPage(o.db, scopeOf(o.auth), decodeCursor(o.query.cursor), o.query.limit);
  const page = rows.slice(0, o.query.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > o.query.limit && last ? Buffer.from(`${last.created_at}|${last.id}`).toString('base64url') : null;
  return { items: page.map(toImportSummary), nextCursor };
}
