import { formatInZone, type TAuditListQuery } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { assertMayReadAudit } from './audit-dto';
import { findAuditPage, type TAuditFilters } from './audit.repository';

const PAGE = 500;
const HEADER = [
  'seq',
  'at_utc',
  'at_local',
  'actor_username',
  'actor_name',
  'action',
  'entity',
  'entity_id',
  'opd_code',
  'opd_name',
  'details',
  'hash',
];

/**
 * RFC 4180 quoting; a cell a spreadsheet would run as a formula (= + - @, tab, CR first) gets a
 * leading apostrophe, since usernames tried at the login are anyone's input.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The filtered log as CSV lines, newest first, read a page at a time: a year of events streams
 * out without being held in memory. Refuses (before the first line) whoever may not read it.
 */
export function auditCsvLines(o: { db: TDatabase; auth: TAuth; query: Omit<TAuditListQuery, 'cursor' | 'limit'> }): AsyncGenerator<string> {
  assertMayReadAudit(o.auth);
  const filters: TAuditFilters = o.query;
  return (async function* lines() {
    yield `\uFEFF${HEADER.join(',')}\r\n`;
    let before: number | undefined;
    for (;;) {
      const rows = await findAuditPage(o.db, filters, before, PAGE);
      for (const r of rows) {
        const cells = [
          r.seq,
          r.at,
          formatInZone(r.at, o.auth.timezone, 'yyyy-MM-dd HH:mm:ss'),
          r.actor_username,
          r.actor_name,
          r.action,
          r.entity,
          r.entity_id,
          r.opd_code,
          r.opd_name,
          r.details,
          r.hash,
        ];
        yield `${cells.map(csvCell).join(',')}\r\n`;
      }
      if (rows.length < PAGE) return;
      before = Number(rows[rows.length - 1]!.seq);
    }
  })();
}
