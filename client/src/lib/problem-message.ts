import type { TFunction } from 'i18next';
import { isApiError } from './api-client';

/**
 * What to tell a person about a failed request: the server's translated words first. With
 * per-field messages, those alone (each once): they say what is wrong, where the detail would
 * also spell field paths such as `accountIds.0` that mean nothing to a person.
 */
export function problemMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.unexpected');
  const { detail, title, code, errors } = error.problem;
  const messages = [...new Set((errors ?? []).map((e) => e.message).filter((m): m is string => Boolean(m)))];
  if (messages.length) return messages.join(' ');
  if (detail) return detail;
  if (title) return title;
  return t(`errors.${code}`, { defaultValue: t('errors.unexpected') });
}

/** The server's per-field messages, keyed by the top-level field name (`text`, `accountIds`, …). */
export function problemFieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const result: Record<string, string> = {};
  for (const item of error.problem.errors ?? []) {
    const field = item.field.split(/[.[]/)[0] ?? item.field;
    result[field] ??= item.message;
  }
  return result;
}

/** The server's messages for a nested field, by key: `variants.<accountId>.text` → `{ <accountId>: … }`. */
export function problemFieldErrorsUnder(error: unknown, parent: string): Record<string, string> {
  if (!isApiError(error)) return {};
  const result: Record<string, string> = {};
  for (const item of error.problem.errors ?? []) {
    const [field, key] = item.field.split(/[.[\]]+/);
    if (field === parent && key) result[key] ??= item.message;
  }
  return result;
}
