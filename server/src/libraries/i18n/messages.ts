import type { TLocale } from '@siar/shared';
import { en } from './messages.en';
import { id, type TMessageKey } from './messages.id';

export type { TMessageKey };

const catalogues: Record<TLocale, Record<string, string>> = { id, en };

/** A server message in the request's language ({{name}} filled from params); Indonesian when a key is missing. */
export function translate(locale: TLocale, key: string, params: Record<string, string | number> = {}): string | undefined {
  const template = catalogues[locale][key] ?? catalogues.id[key];
  return template?.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
