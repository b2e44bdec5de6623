import type { TAuditEvent, TAuditListQuery } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { assertMayReadAudit, toAuditEventDto } from './audit-dto';
import { findAuditPage } from './audit.repository';

export async function listAuditEvents(o: {
  db: TDatabase;
  auth: TAuth;
  query: TAuditListQuery;
}): Promise<{ items: TAuditEvent[]; nextCursor: string | null }> {
  assertMayReadAudit(o.auth);
  const { cursor, limit, ...filters } = o.query;
  const rows = await findAuditPage(o.db, filters, cursor ? Number(cursor) : undefined, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(toAuditEventDto), nextCursor: rows.length > limit && last ? String(last.seq) : null };
}
