import { platformRules, rulesFor } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemFieldErrors, problemFieldErrorsUnder } from '../../../lib/problem-message';
import { useCreatePost } from '../api/create-post';
import {
  defaultPostFormValues,
  typedInstant,
  type TPostFormErrors,
  type TPostFormField,
  type TPostFormValues,
} from '../utils/post-form-values';
import { formFieldOf, validatePostForm } from '../utils/validate-post-form';
import { usePostVariants } from './use-post-variants';

export type TPostIntent = 'schedule' | 'draft';

interface TUsePostFormOptions {
  timezone: string;
  /** Platforms of the chosen accounts, to check the text against each one's rules. */
  platformsOf: (accountIds: string[]) => string[];
}

export function usePostForm({ timezone, platformsOf }: TUsePostFormOptions) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => defaultPostFormValues(timezone));
  const [errors, setErrors] = useState<TPostFormErrors>({});
  const [done, setDone] = useState<TPostIntent | null>(null);
  const variants = usePostVariants({ onChange: () => setDone(null) });
  const mutation = useCreatePost();

  const setField = <K extends TPostFormField>(field: K, value: TPostFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors(({ [field]: _cleared, ...rest }) => rest);
    setDone(null);
  };

  const submit = (intent: TPostIntent) => {
    setDone(null);
    const scheduledAt = intent === 'schedule' ? (typedInstant(values, timezone) ?? `${values.date} ${values.time}`) : null;
    const check = validatePostForm({ values, variants: variants.texts, scheduledAt, platformsOf, t });
    setErrors(check.errors);
    variants.setErrors(check.variantErrors);
    if (!check.data) return;

    mutation.mutate(check.data, {
      onSuccess: () => {
        setValues(defaultPostFormValues(timezone));
        setErrors({});
        variants.clear();
        setDone(intent);
      },
      onError: (error) => {
        const serverErrors: TPostFormErrors = {};
        for (const [field, message] of Object.entries(problemFieldErrors(error))) {
          if (field !== 'variants') serverErrors[formFieldOf(field)] ??= message;
        }
        setErrors(serverErrors);
        variants.setErrors(problemFieldErrorsUnder(error, 'variants'));
      },
    });
  };

  const countedPlatforms = platformsOf(values.accountIds);
  const platformsToCount =
    countedPlatforms.length > 0 ? [...new Set(countedPlatforms)].flatMap((id) => rulesFor(id) ?? []) : Object.values(platformRules);

  return { values, errors, setField, submit, done, mutation, platformsToCount, variants };
}
