import { ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { PublishError } from '../publish-error';

function excerpt(data: unknown): string | undefined {
  if (data === undefined || data === null) return undefined;
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return text.slice(0, 300);
}

function detailOf(error: ApiResponseError): string {
  const data = error.data as { detail?: unknown; title?: unknown; errors?: { message?: unknown }[] } | undefined;
  const detail = data?.detail ?? data?.errors?.[0]?.message ?? data?.title;
  return typeof detail === 'string' ? detail : `HTTP ${error.code}`;
}

/**
 * Maps anything twitter-api-v2 throws into the closed set. A request error (no response)
 * after the body may have been sent is ambiguous: the tweet may exist.
 */
export function mapXError(error: unknown, options: { sent: boolean }): PublishError {
  if (error instanceof ApiResponseError) {
    const status = error.code;
    const common = { httpStatus: status, platformDetail: excerpt(error.data), cause: error };
    if (status === 429) {
      // X names the app's 24-hour budget in its own headers; anything else is the user's window.
      const appReset = Number(error.headers?.['x-app-limit-24hour-remaining'] === '0' ? error.headers['x-app-limit-24hour-reset'] : NaN);
      const userReset = error.rateLimit?.reset ?? Number(error.headers?.['x-rate-limit-reset']);
      const reset = Number.isFinite(appReset) ? appReset : userReset;
      return new PublishError('rate_limited', 'rate limited', {
        ...common,
        limitScope: Number.isFinite(appReset) ? 'app' : 'account',
        // Without a reset header, wait out X's whole 15-minute window.
        resetAt: new Date(reset && Number.isFinite(reset) ? reset * 1000 : Date.now() + 15 * 60_000),
      });
    }
    if (status === 401) return new PublishError('auth_expired', detailOf(error), common);
    // Out of pay-per-use credits: the whole app waits (nothing fails) with X's reason shown.
    if (status === 402) return new PublishError('rate_limited', `X: ${detailOf(error)}`, { ...common, limitScope: 'app', resetAt: new Date(Date.now() + 3600_000) });
    if (status === 403 || status === 400 || status === 422) {
      const suspended = /suspend|locked/i.test(detailOf(error));
      const duplicate = /duplicate content/i.test(detailOf(error));
      return new PublishError(suspended ? 'account_disconnected' : 'content_rejected', detailOf(error), { ...common, duplicate });
    }
    if (status >= 500) return new PublishError('transient', detailOf(error), common);
    return new PublishError('content_rejected', detailOf(error), common);
  }
  if (error instanceof ApiRequestError) {
    const message = error.requestError?.message ?? error.message;
    return new PublishError(options.sent ? 'ambiguous' : 'transient', message, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new PublishError(options.sent ? 'ambiguous' : 'transient', message, { cause: error });
}
