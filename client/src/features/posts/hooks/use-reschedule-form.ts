import { utcToZonedWallTime, ZUpdatePostRequest, zonedWallTimeToUtc, type TPost } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client';
import { problemFieldErrors, problemMessage } from '../../../lib/problem-message';
import { useReschedulePost } from '../api/reschedule-post';

const LEAD_MS = 5 * 60_000;

/** The post's own time while still ahead, else five minutes from now rounded up to the minute. */
export function defaultRescheduleValues(scheduledAt: string | null, timezone: string, now = new Date()) {
  const current = scheduledAt ? new Date(scheduledAt) : null;
  const soon = new Date(Math.ceil((now.getTime() + LEAD_MS) / 60_000) * 60_000);
  return utcToZonedWallTime(current && current.getTime() > now.getTime() ? current : soon, timezone);
}

interface TUseRescheduleFormOptions {
  post: TPost;
  timezone: string;
  onDone: () => void;
}

/** State of the reschedule dialog; mounted afresh each time it opens. */
export function useRescheduleForm({ post, timezone, onDone }: TUseRescheduleFormOptions) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => defaultRescheduleValues(post.scheduledAt, timezone));
  // The revision the person saw when opening: a change by someone else since then is a conflict.
  const [revision] = useState(post.revision);
  const [clientError, setClientError] = useState<string | undefined>();
  const mutation = useReschedulePost();

  const setField = (field: 'date' | 'time', value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setClientError(undefined);
    mutation.reset();
  };

  const submit = () => {
    const instant = zonedWallTimeToUtc(values.date, values.time, timezone);
    // An unreadable date is passed on as is, so the schema reports it like the composer does.
    const scheduledAt = Number.isNaN(instant.getTime()) ? `${values.date} ${values.time}` : instant.toISOString();
    const parsed = ZUpdatePostRequest.safeParse({ scheduledAt, revision });
    if (!parsed.success || !parsed.data.scheduledAt) {
      const key = parsed.error?.issues[0]?.message ?? 'invalid_datetime';
      mutation.reset();
      setClientError(t(`validation.${key}`, { defaultValue: t('validation.invalid') }));
      return;
    }
    setClientError(undefined);
    mutation.mutate({ postId: post.id, scheduledAt: parsed.data.scheduledAt, revision }, { onSuccess: onDone });
  };

  const { error } = mutation;
  const fieldErrors = problemFieldErrors(error);
  const dateError = clientError ?? fieldErrors.scheduledAt;
  let formError: string | undefined;
  if (error && !fieldErrors.scheduledAt) {
    // "Being published right now" also comes as a 409 conflict, with its own, more precise words.
    const conflict = isApiError(error) && error.code === 'conflict';
    formError = fieldErrors.status ?? (conflict ? t('reschedule.conflict') : problemMessage(error, t));
  }
  return { values, setField, submit, pending: mutation.isPending, dateError, formError };
}
