import { useDebouncedValue } from '@mantine/hooks';
import type { TPostCheckRequest } from '@siar/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePostCheckQuery } from '../api/check-post';
import { typedInstant, variantsPayload, type TPostFormValues, type TVariantTexts } from '../utils/post-form-values';

/** Typing pauses this long before the server is asked: one check per pause, not per keystroke. */
const CHECK_DEBOUNCE_MS = 400;

function isCheckable(input: TPostCheckRequest): boolean {
  return input.accountIds.length > 0 && input.text.trim() !== '';
}

interface TUsePostCheckOptions {
  values: TPostFormValues;
  variants: TVariantTexts;
  /** A thread's further parts (each is billed). */
  threadParts: string[];
  timezone: string;
}

/** "Periksa" as the operator types: the warnings and estimated cost of the post as it stands. */
export function usePostCheck({ values, variants, threadParts, timezone }: TUsePostCheckOptions) {
  const { i18n } = useTranslation();
  const { accountIds, text } = values;
  const scheduledAt = typedInstant(values, timezone);
  const input = useMemo<TPostCheckRequest>(() => {
    const payload = variantsPayload(variants, accountIds);
    const parts = threadParts.filter((part) => part.trim() !== '');
    return { accountIds, text, scheduledAt, ...(payload ? { variants: payload } : {}), ...(parts.length > 0 ? { threadParts: parts } : {}) };
  }, [accountIds, text, scheduledAt, variants, threadParts]);
  const [debounced] = useDebouncedValue(input, CHECK_DEBOUNCE_MS);
  // Emptying the form hides the last answer at once rather than after the pause.
  const enabled = isCheckable(input) && isCheckable(debounced);
  const query = usePostCheckQuery(debounced, { language: i18n.language, enabled });
  // What is on screen answers an earlier input while the pause runs or the next answer is on its way.
  const outdated = enabled && (debounced !== input || query.isPlaceholderData || query.isFetching);
  return { check: enabled ? query.data : undefined, outdated };
}
