import { rulesFor, type TFieldError } from '@siar/shared';
import type { TAuth } from '../../libraries/http/auth-context';
import { translate } from '../../libraries/i18n/messages';

/**
 * Checks each account's text (its variant, else the common text) against its platform's rules,
 * and a thread's further parts against every chosen platform (which must have threads).
 */
export function checkPostTexts(o: { auth: TAuth; text: string; accounts: { id: string; platform: string }[]; variants?: Record<string, { text: string }> | undefined; accountIds: string[]; threadParts?: string[] | undefined }): TFieldError[] {
  const errors: TFieldError[] = [];
  for (const id of Object.keys(o.variants ?? {})) {
    if (!o.accountIds.includes(id)) errors.push({ field: `variants.${id}`, key: 'account_not_found' });
  }
  for (const account of o.accounts) {
    const variant = o.variants?.[account.id]?.text;
    const rules = rulesFor(account.platform);
    const check = rules?.checkText(variant ?? o.text);
    if (rules && check && !check.ok) {
      const key = check.key ?? 'text_too_long_for_platform';
      const message = translate(o.auth.locale, `validation.${key}`, { platform: rules.name, length: check.length, max: check.max });
      errors.push({ field: variant ? `variants.${account.id}.text` : 'text', key, message });
    }
  }
  const parts = o.threadParts ?? [];
  if (parts.length === 0) return errors;
  for (const platform of new Set(o.accounts.map((a) => a.platform))) {
    const rules = rulesFor(platform);
    if (!rules) continue;
    if (!rules.maxThreadParts || parts.length + 1 > rules.maxThreadParts) {
      const key = rules.maxThreadParts ? 'too_many_thread_parts_for_platform' : 'thread_not_supported';
      errors.push({ field: 'threadParts', key, message: translate(o.auth.locale, `validation.${key}`, { platform: rules.name, max: rules.maxThreadParts ?? 1 }) });
      continue;
    }
    parts.forEach((part, index) => {
      const check = rules.checkText(part);
      if (check.ok) return;
      const key = check.key ?? 'text_too_long_for_platform';
      errors.push({ field: `threadParts.${index}`, key, message: translate(o.auth.locale, `validation.${key}`, { platform: rules.name, length: check.length, max: check.max }) });
    });
  }
  return errors;
}
