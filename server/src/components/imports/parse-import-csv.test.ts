import { describe, expect, it } from 'vitest';
import { AppError, IMPORT_MAX_ROWS } from '@siar/shared';
import { decodeCsv } from './decode-csv';
import { parseImportCsv } from './parse-import-csv';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.fieldErrors?.[0];
    throw error;
  }
  throw new Error('not refused');
};

describe('reading an import file', () => {
  it('when the file is the semicolon template with a BOM, then each row is read under its column', () => {
    const rows = parseImportCsv(decodeCsv(Buffer.from('\uFEFFakun;tanggal;jam;teks;media_url\r\n@dinkes;2026-12-01;08:00;Halo, warga;\r\n', 'utf8')), 'id');
    expect(rows).toEqual([{ rowNumber: 2, accounts: '@dinkes', date: '2026-12-01', time: '08:00', text: 'Halo, warga', mediaUrl: '' }]);
  });

  it('when the file uses commas, English headers in capitals and another column order, then it is read the same', () => {
    const rows = parseImportCsv('Text,Time,Date,Accounts\n"Halo; warga",08:00,01/12/2026,dinkes\n', 'en');
    expect(rows).toEqual([{ rowNumber: 2, accounts: 'dinkes', date: '01/12/2026', time: '08:00', text: 'Halo; warga', mediaUrl: '' }]);
  });

  it('when a quoted text holds line breaks, then it stays one row and later rows keep their spreadsheet numbers', () => {
    const rows = parseImportCsv('akun;tanggal;jam;teks\ndinkes;2026-12-01;08:00;"Baris satu\nbaris dua"\n\ndinkes;2026-12-02;08:00;Lagi\n', 'id');
    expect(rows.map((r) => [r.rowNumber, r.text])).toEqual([
      [2, 'Baris satu\nbaris dua'],
      [4, 'Lagi'],
    ]);
  });

  it('when the bytes are not UTF-8, then they are read as windows-1252', () => {
    const bytes = Buffer.from([...Buffer.from('akun;tanggal;jam;teks\ndinkes;2026-12-01;08:00;Caf'), 0xe9, 0x20, 0x50, 0x65, 0xf1, 0x61]);
    expect(parseImportCsv(decodeCsv(bytes), 'id')[0]?.text).toBe('Café Peña');
  });

  it('when a required column is missing, then the file is refused naming it', () => {
    expect(refusal(() => parseImportCsv('akun;tanggal;teks\ndinkes;2026-12-01;Halo\n', 'id'))).toMatchObject({ key: 'import_missing_columns', message: expect.stringContaining('jam') });
  });

  it('when there is only a header, then the file is refused', () => {
    expect(refusal(() => parseImportCsv('akun;tanggal;jam;teks\n\n', 'id'))).toMatchObject({ key: 'import_no_rows' });
  });

  it('when there are more rows than allowed, then the file is refused naming the limit', () => {
    const text = `akun;tanggal;jam;teks\n${'dinkes;2026-12-01;08:00;Halo\n'.repeat(IMPORT_MAX_ROWS + 1)}`;
    expect(refusal(() => parseImportCsv(text, 'en'))).toMatchObject({ key: 'import_too_many_rows', message: expect.stringContaining('2000') });
  });

  it('when a quote is never closed, then the file is refused as unreadable', () => {
    expect(refusal(() => parseImportCsv('akun;tanggal;jam;teks\ndinkes;2026-12-01;08:00;"Halo\n', 'id'))).toMatchObject({ key: 'import_unreadable' });
  });
});
