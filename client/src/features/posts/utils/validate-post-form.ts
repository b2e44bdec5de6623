import { rulesFor, ZCreatePostRequest, type TCreatePostRequest } from '@siar/shared';
import type { TFunction } from 'i18next';
import { variantsPayload, type TPostFormErrors, type TPostFormField, type TPostFormValues, type TVariantTexts } from './post-form-values';

/** Maps a request field to the form field that shows its message. */
export function formFieldOf(field: string): TPostFormField {
  if (field === 'scheduledAt') return 'date';
  if (field === 'accountIds') return 'accountIds';
  return 'text';
}

interface TValidatePostFormOptions {
  values: TPostFormValues;
  variants: TVariantTexts;
  /** `null` for a draft; an unreadable date is passed on as typed, so the schema reports it. */
  scheduledAt: string | null;
  /** Platforms of the given accounts, to check each text against its platform's rules. */
  platformsOf: (accountIds: string[]) => string[];
  t: TFunction;
}

export interface TPostFormCheck {
  data: TCreatePostRequest | undefined;
  errors: TPostFormErrors;
  /** By account id. */
  variantErrors: Record<string, string>;
}

/** The request to send, or what to show where: the shared schema, then each platform's limits. */
export function validatePostForm({ values, variants, scheduledAt, platformsOf, t }: TValidatePostFormOptions): TPostFormCheck {
  const payload = variantsPayload(variants, values.accountIds);
  const parsed = ZCreatePostRequest.safeParse({
    accountIds: values.accountIds,
    text: values.text,
    scheduledAt,
    ...(payload ? { variants: payload } : {}),
  });
  const errors: TPostFormErrors = {};
  const variantErrors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [field = 'text', accountId] = issue.path.map(String);
      const message = t(`validation.${issue.message}`, { defaultValue: t('validation.invalid') });
      if (field === 'variants' && accountId) variantErrors[accountId] ??= message;
      else errors[formFieldOf(field)] ??= message;
    }
  }
  // Each account gets its variant or else the main text: that is the text its platform counts.
  for (const accountId of values.accountIds) {
    const variant = payload?.[accountId]?.text;
    const rules = rulesFor(platformsOf([accountId])[0] ?? '');
    const check = rules?.checkText(variant ?? values.text);
    if (!rules || check?.key !== 'text_too_long_for_platform') continue;
    const message = t('validation.text_too_long_for_platform', { platform: rules.name, max: check.max });
    if (variant) variantErrors[accountId] ??= message;
    else errors.text ??= message;
  }
  const valid = parsed.success && Object.keys(errors).length === 0 && Object.keys(variantErrors).length === 0;
  return { data: valid ? parsed.data : undefined, errors, variantErrors };
}
