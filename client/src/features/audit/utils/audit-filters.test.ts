import { describe, expect, it } from 'vitest';
import { csvHref, filtersFromSearch, filtersToSearch, toApiParams } from './audit-filters';

describe('audit filters', () => {
  it('when days are chosen in WIB, then the API gets UTC instants covering the whole last day', () => {
    const params = toApiParams({ opdId: 'o1', actorId: '', action: 'auth.login', from: '2026-11-01', to: '2026-11-30' }, 'Asia/Jakarta');
    expect(params).toEqual({ opdId: 'o1', action: 'auth.login', from: '2026-10-31T17:00:00.000Z', to: '2026-11-30T17:00:00.000Z' });
    expect(csvHref(params)).toBe(
      '/api/audit.csv?opdId=o1&action=auth.login&from=2026-10-31T17%3A00%3A00.000Z&to=2026-11-30T17%3A00%3A00.000Z',
    );
  });

  it('when the address holds filters, then they round-trip, and a malformed day is dropped', () => {
    const values = { opdId: 'o1', actorId: 'u1', action: '', from: '2026-11-01', to: '' };
    expect(filtersFromSearch(filtersToSearch(values))).toEqual(values);
    expect(filtersFromSearch(new URLSearchParams('from=kemarin')).from).toBe('');
    expect(csvHref({})).toBe('/api/audit.csv');
  });
});
