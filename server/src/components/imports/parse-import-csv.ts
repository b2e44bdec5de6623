import Papa from 'papaparse';
import { AppError, IMPORT_COLUMN_ALIASES, IMPORT_MAX_ROWS, type TImportColumn, type TLocale } from '@siar/shared';
import { translate } from '../../libraries/i18n/messages';

export type TCsvRecord = { rowNumber: number } & Record<TImportColumn, string>;

const REQUIRED: readonly TImportColumn[] = ['accounts', 'date', 'time', 'text'];

function refuse(locale: TLocale, key: string, params: Record<string, string | number> = {}): AppError {
  const message = translate(locale, `validation.${key}`, params);
  return new AppError('validation', { fieldErrors: [{ field: 'file', key, ...(message ? { message } : {}) }] });
}

/** `,` or `;`: whichever the header line uses more (column names hold neither). */
function delimiterOf(text: string): string {
  const header = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '';
  return header.split(';').length > header.split(',').length ? ';' : ',';
}

const normalize = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

function columnsOf(header: string[]): Partial<Record<TImportColumn, number>> {
  const found: Partial<Record<TImportColumn, number>> = {};
  header.forEach((name, index) => {
    const column = (Object.keys(IMPORT_COLUMN_ALIASES) as TImportColumn[]).find((c) => IMPORT_COLUMN_ALIASES[c].includes(normalize(name)));
    if (column && found[column] === undefined) found[column] = index;
  });
  return found;
}

/**
 * Reads the sheet: the first non-empty line is the header (aliases in either language), each
 * later non-empty record is a row numbered as the spreadsheet numbers it (a quoted cell with
 * line breaks stays one row). Refuses, changing nothing, a file it cannot read, one missing a
 * required column, one without rows and one with more than IMPORT_MAX_ROWS rows.
 */
export function parseImportCsv(text: string, locale: TLocale): TCsvRecord[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: delimiterOf(text), skipEmptyLines: false });
  if (parsed.errors.some((e) => e.type === 'Quotes')) throw refuse(locale, 'import_unreadable');
  const records = parsed.data.map((cells, index) => ({ cells, rowNumber: index + 1 })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...rows] = records;
  const columns = columnsOf(header?.cells ?? []);
  const missing = REQUIRED.filter((c) => columns[c] === undefined);
  if (missing.length) throw refuse(locale, 'import_missing_columns', { columns: missing.map((c) => IMPORT_COLUMN_ALIASES[c][0]).join(', ') });
  if (rows.length === 0) throw refuse(locale, 'import_no_rows');
  if (rows.length > IMPORT_MAX_ROWS) throw refuse(locale, 'import_too_many_rows', { count: rows.length, max: IMPORT_MAX_ROWS });
  const cell = (cells: string[], column: TImportColumn) => {
    const index = columns[column];
    return index === undefined ? '' : (cells[index] ?? '');
  };
  return rows.map(({ cells, rowNumber }) => ({
    rowNumber,
    accounts: cell(cells, 'accounts'),
    date: cell(cells, 'date'),
    time: cell(cells, 'time'),
    text: cell(cells, 'text'),
    mediaUrl: cell(cells, 'mediaUrl'),
  }));
}
