import { AppError, ZId } from '@siar/shared';

/** A path id that is not even shaped like one is simply not found. */
export function idOf(raw: unknown): string {
  const id = ZId.safeParse(raw);
  return id.success ? id.data : '';
}

/** SQLite's and PostgreSQL's unique-constraint errors: a race lost to another request. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export const taken = (field: string, key: string) => new AppError('duplicate', { fieldErrors: [{ field, key }] });

/** Referenced OPDs that do not exist, named by their place in the list. */
export function missingOpds(requested: string[], existing: Set<string>): AppError | undefined {
  const fieldErrors = requested.flatMap((id, i) => (existing.has(id) ? [] : [{ field: `opdIds.${i}`, key: 'opd_not_found' }]));
  return fieldErrors.length ? new AppError('not_found', { fieldErrors }) : undefined;
}
