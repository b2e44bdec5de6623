import { checkMediaForPlatform, platformRules, rulesFor, type TCreatePostRequest, type TPost } from '@siar/shared';
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
import { usePostMedia } from './use-post-media';
import { usePostVariants } from './use-post-variants';

/** What the composer's buttons ask for: a draft, the typed time, the next queue slot, or now. */
export type TPostIntent = 'schedule' | 'draft' | 'queue' | 'now';

interface TUsePostFormOptions {
  timezone: string;
  /** Platforms of the chosen accounts, to check the text against each one's rules. */
  platformsOf: (accountIds: string[]) => string[];
  /** Accounts that can still be chosen (a duplicated post may name one that was disconnected). */
  isSelectable: (accountId: string) => boolean;
}

function scheduledAtFor(intent: TPostIntent, values: TPostFormValues, timezone: string): string | null {
  if (intent === 'schedule') return typedInstant(values, timezone) ?? `${values.date} ${values.time}`;
  if (intent === 'now') return new Date().toISOString();
  return null;
}

export function usePostForm({ timezone, platformsOf, isSelectable }: TUsePostFormOptions) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => defaultPostFormValues(timezone));
  const [errors, setErrors] = useState<TPostFormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<{ intent: TPostIntent; post: TPost } | null>(null);
  const variants = usePostVariants({ onChange: () => setDone(null) });
  const media = usePostMedia();
  const mutation = useCreatePost();
  const [lastIntent, setLastIntent] = useState<TPostIntent>('schedule');
  const [threadParts, setThreadParts] = useState<string[]>([]);
  const [threadErrors, setThreadErrors] = useState<Record<number, string>>({});
  const thread = {
    parts: threadParts,
    errors: threadErrors,
    add: () => setThreadParts((current) => [...current, '']),
    set: (index: number, text: string) => {
      setThreadParts((current) => current.map((part, i) => (i === index ? text : part)));
      setThreadErrors(({ [index]: _cleared, ...rest }) => rest);
      setDone(null);
    },
    remove: (index: number) => {
      setThreadParts((current) => current.filter((_, i) => i !== index));
      setThreadErrors({});
    },
  };

  /** Each part must be written and fit every chosen platform. */
  const checkThread = (accountIds: string[]): Record<number, string> => {
    const found: Record<number, string> = {};
    const rulesList = [...new Set(platformsOf(accountIds))].flatMap((id) => rulesFor(id) ?? []);
    threadParts.forEach((part, index) => {
      if (!part.trim()) {
        found[index] = t('validation.text_required');
        return;
      }
      for (const rules of rulesList) {
        const check = rules.checkText(part);
        if (!check.ok) found[index] ??= t('validation.text_too_long_for_platform', { platform: rules.name, max: check.max });
      }
    });
    return found;
  };

  const setField = <K extends TPostFormField>(field: K, value: TPostFormValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors(({ [field]: _cleared, ...rest }) => rest);
    setFormError(null);
    setDone(null);
  };

  const countedPlatforms = platformsOf(values.accountIds);
  const mediaProblems = [...new Set(countedPlatforms)].some((platform) => checkMediaForPlatform(platform, media.uploaded).length > 0);

  const submit = (intent: TPostIntent) => {
    setDone(null);
    setFormError(null);
    const check = validatePostForm({ values, variants: variants.texts, scheduledAt: scheduledAtFor(intent, values, timezone), platformsOf, t });
    setErrors(check.errors);
    variants.setErrors(check.variantErrors);
    const partErrors = checkThread(values.accountIds);
    setThreadErrors(partErrors);
    if (Object.keys(partErrors).length > 0) return;
    if (media.uploading) setFormError(t('composer.uploadsPending'));
    else if (media.failed || mediaProblems) setFormError(t('composer.mediaHasProblems'));
    if (!check.data || media.uploading || media.failed || mediaProblems) return;

    setLastIntent(intent);
    const request: TCreatePostRequest = {
      ...check.data,
      ...(media.uploaded.length > 0 ? { mediaIds: media.uploaded.map((item) => item.id) } : {}),
      ...(threadParts.length > 0 ? { threadParts } : {}),
      ...(intent === 'queue' ? { queue: true, scheduledAt: null } : {}),
    };
    mutation.mutate(request, {
      onSuccess: (post) => {
        setValues(defaultPostFormValues(timezone));
        setErrors({});
        variants.clear();
        media.clear();
        setThreadParts([]);
        setDone({ intent, post });
      },
      onError: (error) => {
        const serverErrors: TPostFormErrors = {};
        for (const [field, message] of Object.entries(problemFieldErrors(error))) {
          if (field !== 'variants') serverErrors[formFieldOf(field)] ??= message;
        }
        setErrors(serverErrors);
        variants.setErrors(problemFieldErrorsUnder(error, 'variants'));
        setThreadErrors(Object.fromEntries(Object.entries(problemFieldErrorsUnder(error, 'threadParts')).map(([index, message]) => [Number(index), message])));
      },
    });
  };

  /** Starts a new post from an existing one: its accounts, texts and media; a fresh time. */
  const prefill = async (post: TPost) => {
    const live = post.deliveries.filter((delivery) => delivery.status !== 'cancelled' && isSelectable(delivery.accountId));
    setValues({ ...defaultPostFormValues(timezone), accountIds: live.map((delivery) => delivery.accountId), text: post.text });
    setErrors({});
    setDone(null);
    variants.clear();
    for (const delivery of live) if (delivery.variantText) variants.set(delivery.accountId, delivery.variantText);
    setThreadParts(post.threadParts);
    setThreadErrors({});
    await media.load(post.mediaIds);
  };

  const platformsToCount =
    countedPlatforms.length > 0 ? [...new Set(countedPlatforms)].flatMap((id) => rulesFor(id) ?? []) : Object.values(platformRules);
  const dirty = threadParts.length > 0 || values.text.trim() !== '' || values.accountIds.length > 0 || media.items.length > 0 || Object.keys(variants.texts).length > 0;

  const pendingIntent = mutation.isPending ? lastIntent : null;
  return { values, errors, formError, setField, submit, prefill, done, mutation, pendingIntent, platformsToCount, variants, media, thread, dirty };
}
