import { describe, expect, it } from 'vitest';
import type { TImportRow } from '@siar/shared';
import { canCommit, excerpt, pageOf, visibleRows } from './import-rows';

const row = (rowNumber: number, errors: number): TImportRow => ({
  rowNumber,
  accounts: ['dinkes'],
  scheduledAt: null,
  text: 'Halo',
  mediaUrl: null,
  status: errors ? 'invalid' : 'valid',
  errors: Array.from({ length: errors }, () => ({ field: 'text', message: 'Salah' })),
  postId: null,
});

describe('the preview table', () => {
  it('when only problems are asked for, then only rows with errors remain, in file order', () => {
    const rows = [row(2, 0), row(3, 1), row(4, 0), row(5, 2)];
    expect(visibleRows(rows, true).map((r) => r.rowNumber)).toEqual([3, 5]);
    expect(visibleRows(rows, false)).toHaveLength(4);
  });

  it('when rows span pages, then a page holds its share and a page past the end shows the last', () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(items, 1)).toMatchObject({ pages: 3, items: items.slice(0, 50) });
    expect(pageOf(items, 9).items).toEqual(items.slice(100));
    expect(pageOf([], 1)).toEqual({ items: [], pages: 1 });
  });

  it('when a text is long or spans lines, then its excerpt is one line ending in an ellipsis', () => {
    expect(excerpt('Baris satu\nbaris dua')).toBe('Baris satu baris dua');
    const long = excerpt('kata '.repeat(100));
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.endsWith('…')).toBe(true);
  });

  it('when a preview is expired, empty of valid rows or no longer a preview, then it cannot be scheduled', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    const fresh = { status: 'preview' as const, validRows: 3, expiresAt: '2026-12-01T10:00:00Z' };
    expect(canCommit(fresh, now)).toBe(true);
    expect(canCommit({ ...fresh, expiresAt: '2026-11-30T23:00:00Z' }, now)).toBe(false);
    expect(canCommit({ ...fresh, validRows: 0 }, now)).toBe(false);
    expect(canCommit({ ...fresh, status: 'done' }, now)).toBe(false);
  });
});
