import { describe, expect, it } from 'vitest';
import type { TActivityAccount, TActivityOpd } from '@siar/shared';
import { filterOpds, sortRows } from './activity-sort';

const flags = { inactive: false, repeatedFailures: false, needsReconnect: false };
const account = (handle: string, over: Partial<TActivityAccount> = {}): TActivityAccount => ({ id: handle, opdId: 'o', platform: 'x', handle, displayName: handle, status: 'active', published: 0, scheduledAhead: 0, failed: 0, lastPublishedAt: null, lastPublishedAgeDays: null, medianApprovalMinutes: null, flags, ...over });
const opd = (name: string, over: Partial<TActivityOpd> = {}): TActivityOpd => ({ id: name, name, code: name.toUpperCase(), weeklyTarget: 0, requiresApproval: false, published: 0, scheduledAhead: 0, failed: 0, lastPublishedAt: null, lastPublishedAgeDays: null, medianApprovalMinutes: null, flags, weeks: [], targetMet: null, accounts: [], ...over });

describe('activity table', () => {
  it('when sorted by published descending, then the busiest OPD comes first and ties go by name', () => {
    const rows = sortRows([opd('b', { published: 1 }), opd('a', { published: 5 }), opd('c', { published: 1 })], 'published', true);
    expect(rows.map((r) => r.name)).toEqual(['a', 'c', 'b']);
  });

  it('when sorted by last published ascending, then never-published accounts come first', () => {
    const rows = sortRows([account('x', { lastPublishedAt: '2026-10-02T00:00:00.000Z' }), account('y')], 'lastPublished', false);
    expect(rows.map((r) => r.handle)).toEqual(['y', 'x']);
  });

  it('when filtered by a flag, then only OPDs with flagged accounts remain, with those accounts', () => {
    const opds = [opd('dinkes', { accounts: [account('a', { flags: { ...flags, inactive: true } }), account('b')] }), opd('camat', { accounts: [account('c')] })];
    const result = filterOpds(opds, '', 'inactive');
    expect(result.map((o) => o.name)).toEqual(['dinkes']);
    expect(result[0]!.accounts.map((a) => a.handle)).toEqual(['a']);
  });

  it('when searching an account handle, then its OPD shows with that account only', () => {
    const opds = [opd('dinkes', { accounts: [account('info_sehat'), account('b')] }), opd('camat', { accounts: [account('c')] })];
    expect(filterOpds(opds, 'SEHAT', 'all').map((o) => [o.name, o.accounts.map((a) => a.handle)])).toEqual([['dinkes', ['info_sehat']]]);
  });
});
