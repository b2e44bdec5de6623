import { rulesFor, type TFieldError } from '@siar/shared';
import type { TAuth } from '../../libraries/http/auth-context';
import { translate } from '../../libraries/i18n/messages';

/** Checks each account's text (its variant, else the common text) against its platform's rules. */
export function checkPostTexts(o: { auth: TAuth; text: string; accounts: { id: string; platform: string }[]; variants?: Record<string, { text: string }> | undefined; accountIds: string[] }): TFieldError[] {
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
  return errors;
}
