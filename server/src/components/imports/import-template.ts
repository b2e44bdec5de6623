import Papa from 'papaparse';
import { DEFAULT_TIMEZONE, IMPORT_COLUMNS, platformNeedsMedia, utcToZonedWallTime } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { translate } from '../../libraries/i18n/messages';
import { findAccounts } from '../accounts/accounts.repository';

const DAY_MS = 24 * 3600_000;

/**
 * The template: UTF-8 with a BOM (so Excel reads the accents) and `;` between columns (what
 * Excel expects under Indonesian regional settings). The two example rows use the caller's
 * own accounts and the coming days, so the file imports as it is: accounts that take a post
 * without media (not Instagram) are chosen, since the examples carry no media URL.
 */
export async function buildImportTemplate(o: { db: TDatabase; auth: TAuth; now?: Date }): Promise<string> {
  const now = o.now ?? new Date();
  const zone = o.auth.timezone || DEFAULT_TIMEZONE;
  const active = (await findAccounts(o.db, o.auth.opdIds)).filter((a) => a.status === 'active');
  // A handle names every account that has it (an OPD may be @dinkes on X and on Instagram).
  const needsMedia = new Set(active.filter((a) => platformNeedsMedia(a.platform)).map((a) => a.handle.toLowerCase()));
  const textOnly = active.filter((a) => !needsMedia.has(a.handle.toLowerCase()));
  const handles = (textOnly.length ? textOnly : active).map((a) => `@${a.handle}`);
  const first = handles[0] ?? '@akun_opd';
  const tomorrow = utcToZonedWallTime(new Date(now.getTime() + DAY_MS), zone).date;
  const [y, m, d] = utcToZonedWallTime(new Date(now.getTime() + 2 * DAY_MS), zone).date.split('-');
  const rows = [
    [first, tomorrow, '08:00', translate(o.auth.locale, 'import.template_text_1') ?? '', ''],
    [handles.slice(0, 2).join(' ') || first, `${d}/${m}/${y}`, '13:30', translate(o.auth.locale, 'import.template_text_2') ?? '', ''],
  ];
  return `\uFEFF${Papa.unparse({ fields: [...IMPORT_COLUMNS], data: rows }, { delimiter: ';', newline: '\r\n' })}\r\n`;
}
