import { platformRules, utcToZonedWallTime, ZCreatePostRequest, zonedWallTimeToUtc, rulesFor } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemFieldErrors } from '../../../lib/problem-message';
import { useCreatePost } from '../api/create-post';

export interface TPostFormValues {
  accountIds: string[];
  text: string;
  date: string;
  time: string;
}

export type TPostFormField = keyof TPostFormValues;
export type TPostIntent = 'schedule' | 'draft';

/** Today and the next whole minute plus one, on the wall clock of the user's zone. */
export function defaultPostFormValues(timezone: string, now = new Date()): TPostFormValues {
  const nextWholeMinutePlusOne = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 2 * 60_000);
  return { accountIds: [], text: '', ...utcToZonedWallTime(nextWholeMinutePlusOne, timezone) };
}

/** Maps a request field to the form field that shows its message. */
function formFieldOf(field: string): TPostFormField {
  if (field === 'scheduledAt') return 'date';
  if (field === 'accountIds') return 'accountIds';
  return 'text';
}

interface TUsePostFormOptions {
  timezone: string;
  /** Platforms of the chosen accounts, to check the text against each one's rules. */
  platformsOf: (accountIds: string[]) => string[];
}

export function usePostForm({ timezone, platformsOf }: TUsePostFormOptions) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => defaultPostFormValues(timezone));
  const [errors, setErrors] = useState<Partial<Record<TPostFormField, string>>>({});
  const [done, setDone] = useState<TPostIntent | null>(null);
  const mutation = useCreatePost();

  const setField = <K extends TPostFormField>(field: K, value: TPostFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors(({ [field]: _cleared, ...rest }) => rest);
    setDone(null);
  };

  const platformErrors = (accountIds: string[], text: string): string | undefined => {
    for (const platform of new Set(platformsOf(accountIds))) {
      const rules = rulesFor(platform);
      const check = rules?.checkText(text);
      if (rules && check && check.key === 'text_too_long_for_platform') {
        return t('validation.text_too_long_for_platform', { platform: rules.name, max: check.max });
      }
    }
    return undefined;
  };

  const submit = (intent: TPostIntent) => {
    setDone(null);
    let scheduledAt: string | null = null;
    if (intent === 'schedule') {
      const instant = zonedWallTimeToUtc(values.date, values.time, timezone);
      // An unreadable date is passed on as is, so the schema reports it like any other field.
      scheduledAt = Number.isNaN(instant.getTime()) ? `${values.date} ${values.time}` : instant.toISOString();
    }
    const parsed = ZCreatePostRequest.safeParse({ accountIds: values.accountIds, text: values.text, scheduledAt });
    const nextErrors: Partial<Record<TPostFormField, string>> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = formFieldOf(String(issue.path[0] ?? 'text'));
        nextErrors[field] ??= t(`validation.${issue.message}`, { defaultValue: t('validation.invalid') });
      }
    }
    const platformError = platformErrors(values.accountIds, values.text);
    if (platformError) nextErrors.text ??= platformError;
    setErrors(nextErrors);
    if (!parsed.success || Object.keys(nextErrors).length > 0) return;

    mutation.mutate(parsed.data, {
      onSuccess: () => {
        setValues(defaultPostFormValues(timezone));
        setErrors({});
        setDone(intent);
      },
      onError: (error) => {
        const serverErrors: Partial<Record<TPostFormField, string>> = {};
        for (const [field, message] of Object.entries(problemFieldErrors(error))) {
          serverErrors[formFieldOf(field)] ??= message;
        }
        setErrors(serverErrors);
      },
    });
  };

  const countedPlatforms = platformsOf(values.accountIds);
  const platformsToCount =
    countedPlatforms.length > 0 ? [...new Set(countedPlatforms)].flatMap((id) => rulesFor(id) ?? []) : Object.values(platformRules);

  return { values, errors, setField, submit, done, mutation, platformsToCount };
}
