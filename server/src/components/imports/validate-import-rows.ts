import { platformName, platformNeedsMedia, POST_TEXT_MAX, zonedWallTimeToUtc } from '@siar/shared';
import type { TAuth } from '../../libraries/http/auth-context';
import type { TAccountRow } from '../accounts/accounts.repository';
import { checkPostTexts } from '../posts/check-post-texts';
import type { TStoredRowError } from './import-row-errors';
import { parseImportDate, parseImportTime } from './parse-schedule';
import type { TCsvRecord } from './parse-import-csv';
import { isPrivateHostLiteral } from './private-address';

export interface TValidatedRow {
  record: TCsvRecord;
  handles: string[];
  accounts: TAccountRow[];
  scheduledAt: string | null;
  errors: TStoredRowError[];
}

const MAX_ACCOUNTS = 50;
const URL_MAX = 2000;
const shown = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** "@a b,c|d" → ["a", "b", "c", "d"], each handle once (case-insensitively). */
export function splitHandles(raw: string): string[] {
  const seen = new Set<string>();
  return raw
    .split(/[\s,|;]+/)
    .map((h) => h.replace(/^@+/, ''))
    .filter((h) => h !== '' && !seen.has(h.toLowerCase()) && seen.add(h.toLowerCase()));
}

function checkAccounts(handles: string[], byHandle: Map<string, TAccountRow[]>): { accounts: TAccountRow[]; errors: TStoredRowError[] } {
  if (handles.length === 0) return { accounts: [], errors: [{ field: 'accounts', key: 'import_accounts_required' }] };
  const unknown = handles.filter((h) => !byHandle.has(h.toLowerCase()));
  const accounts = handles.flatMap((h) => byHandle.get(h.toLowerCase()) ?? []);
  const inactive = handles.filter((h) => byHandle.get(h.toLowerCase())?.some((a) => a.status !== 'active'));
  const errors: TStoredRowError[] = [];
  if (unknown.length) errors.push({ field: 'accounts', key: 'import_unknown_account', params: { handles: unknown.map((h) => `@${h}`).join(', ') } });
  if (inactive.length) errors.push({ field: 'accounts', key: 'import_account_inactive', params: { handles: inactive.map((h) => `@${h}`).join(', ') } });
  if (accounts.length > MAX_ACCOUNTS) errors.push({ field: 'accounts', key: 'too_many_accounts' });
  return { accounts, errors };
}

function checkText(auth: TAuth, text: string, accounts: TAccountRow[]): TStoredRowError[] {
  if (text === '') return [{ field: 'text', key: 'text_required' }];
  if (text.length > POST_TEXT_MAX) return [{ field: 'text', key: 'text_too_long' }];
  // The same per-platform rules as a post written in the composer; said once for several accounts of a platform.
  const errors = checkPostTexts({ auth, text, accounts, accountIds: accounts.map((a) => a.id) });
  const messages = [...new Map(errors.map((e) => [e.message ?? e.key, e])).values()];
  return messages.map((e) => ({ field: 'text', key: e.key, ...(e.message ? { message: e.message } : {}) }));
}

function checkSchedule(auth: TAuth, record: TCsvRecord, now: Date): { scheduledAt: string | null; errors: TStoredRowError[] } {
  const date = parseImportDate(record.date);
  const time = parseImportTime(record.time);
  const errors: TStoredRowError[] = [];
  if (!date) errors.push({ field: 'date', key: 'import_invalid_date', params: { value: shown(record.date.trim()) } });
  if (!time) errors.push({ field: 'time', key: 'import_invalid_time', params: { value: shown(record.time.trim()) } });
  if (!date || !time) return { scheduledAt: null, errors };
  const at = zonedWallTimeToUtc(date, time, auth.timezone);
  if (at.getTime() <= now.getTime()) errors.push({ field: 'time', key: 'in_past' });
  return { scheduledAt: at.toISOString(), errors };
}

/** Without a media URL, each platform that has no text-only posts (Instagram) is named, as scheduling would refuse it. */
function checkMediaRequired(accounts: TAccountRow[]): TStoredRowError[] {
  const platforms = [...new Set(accounts.map((a) => a.platform))].filter(platformNeedsMedia);
  return platforms.map((p) => ({ field: 'mediaUrl', key: 'media_required', params: { platform: platformName(p) } }));
}

function checkMediaUrl(raw: string, allowPrivateHosts: boolean, accounts: TAccountRow[]): TStoredRowError[] {
  const value = raw.trim();
  if (value === '') return checkMediaRequired(accounts);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [{ field: 'mediaUrl', key: 'invalid_url' }];
  }
  if (!['http:', 'https:'].includes(url.protocol) || value.length > URL_MAX) return [{ field: 'mediaUrl', key: 'invalid_url' }];
  // A name that resolves to a private address is caught at download time, when it is resolved.
  if (!allowPrivateHosts && isPrivateHostLiteral(url.hostname)) return [{ field: 'mediaUrl', key: 'import_media_private_host' }];
  return [];
}

/**
 * Checks every row against the caller's accounts (loaded once, by the caller) and the rules a
 * post must meet; no query per row. Times are wall clock in the caller's zone.
 */
export function validateImportRows(o: { auth: TAuth; records: TCsvRecord[]; accounts: TAccountRow[]; now: Date; allowPrivateMediaHosts: boolean }): TValidatedRow[] {
  const byHandle = new Map<string, TAccountRow[]>();
  for (const account of o.accounts) byHandle.set(account.handle.toLowerCase(), [...(byHandle.get(account.handle.toLowerCase()) ?? []), account]);
  return o.records.map((record) => {
    const handles = splitHandles(record.accounts);
    const accounts = checkAccounts(handles, byHandle);
    const usable = accounts.accounts.filter((a) => a.status === 'active');
    const schedule = checkSchedule(o.auth, record, o.now);
    const errors = [...accounts.errors, ...checkText(o.auth, record.text.trim(), usable), ...schedule.errors, ...checkMediaUrl(record.mediaUrl, o.allowPrivateMediaHosts, usable)];
    return { record, handles, accounts: accounts.accounts, scheduledAt: schedule.scheduledAt, errors };
  });
}
