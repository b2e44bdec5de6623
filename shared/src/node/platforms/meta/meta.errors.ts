import { PublishError } from '../publish-error';

/** Meta's error body: `{ error: { message, type, code, error_subcode, error_user_msg, is_transient } }`. */
export interface TMetaErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
}

/** Throttling codes: app (4), user (17), Page (32), a custom limit (613), Business Use Case (80001–80014). */
const APP_THROTTLE = new Set([4]);
const ACCOUNT_THROTTLE = new Set([17, 32, 613]);
/** Instagram: "the account has reached its limit of API-published posts" (code 9, this subcode). */
const IG_PUBLISHING_LIMIT_SUBCODE = 2207042;
const HOUR_MS = 3600_000;

/**
 * When the throttled caller may call again: Meta's usage headers give `estimated_time_to_regain_access`
 * in minutes; without them, its rolling one-hour window.
 */
function regainAt(headers: Headers | undefined): Date {
  let minutes = 0;
  for (const name of ['x-business-use-case-usage', 'x-app-usage', 'x-page-usage', 'x-ad-account-usage']) {
    const raw = headers?.get(name);
    if (!raw) continue;
    for (const match of raw.matchAll(/"estimated_time_to_regain_access"\s*:\s*(\d+)/g)) minutes = Math.max(minutes, Number(match[1]));
  }
  return new Date(Date.now() + (minutes > 0 ? minutes * 60_000 : HOUR_MS));
}

export function describeMetaError(error: TMetaErrorBody | undefined, status: number): string {
  const text = error?.error_user_msg || error?.message || `HTTP ${status}`;
  return error?.code !== undefined ? `${text} (#${error.code}${error.error_subcode ? `/${error.error_subcode}` : ''})` : text;
}

/**
 * Maps a Graph API error answer into the closed set. `writes`: the call may have created
 * something visible (a feed post, media_publish), so a server error there is ambiguous.
 */
export function mapMetaError(o: { status: number; error: TMetaErrorBody | undefined; headers?: Headers; writes: boolean; raw?: string }): PublishError {
  const { status, error } = o;
  const code = error?.code;
  const message = describeMetaError(error, status);
  const common = { httpStatus: status, platformDetail: o.raw?.slice(0, 300) ?? message };
  if (code === 190 || code === 102) return new PublishError('auth_expired', message, common);
  // A missing permission (#10, #200–#299): only a new consent gives it back.
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) return new PublishError('account_disconnected', message, common);
  if (code !== undefined && APP_THROTTLE.has(code)) return new PublishError('rate_limited', message, { ...common, limitScope: 'app', resetAt: regainAt(o.headers) });
  if (code !== undefined && (ACCOUNT_THROTTLE.has(code) || (code >= 80001 && code <= 80014))) return new PublishError('rate_limited', message, { ...common, limitScope: 'account', resetAt: regainAt(o.headers) });
  if (error?.error_subcode === IG_PUBLISHING_LIMIT_SUBCODE) return new PublishError('rate_limited', message, { ...common, limitScope: 'account', resetAt: new Date(Date.now() + HOUR_MS) });
  if (code === 506) return new PublishError('content_rejected', message, { ...common, duplicate: true });
  // #1 and #2 are Meta's "unknown error" and "service unavailable"; is_transient says try again.
  if (status >= 500 || code === 1 || code === 2 || error?.is_transient) return new PublishError(o.writes ? 'ambiguous' : 'transient', message, common);
  if (status === 429) return new PublishError('rate_limited', message, { ...common, limitScope: 'account', resetAt: regainAt(o.headers) });
  // #368 (blocked for a policy), #100 (a bad parameter), media errors: the platform refused this post.
  return new PublishError('content_rejected', message, common);
}
