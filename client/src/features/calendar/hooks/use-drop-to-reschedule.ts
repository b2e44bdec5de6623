import type { EventDropArg } from '@fullcalendar/core';
import { formatInZone, type TCalendarItem } from '@siar/shared';
import type { TFunction } from 'i18next';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client';
import { problemFieldErrors, problemMessage } from '../../../lib/problem-message';
import { useMovePost } from '../api/move-post';
import { dropInstant } from '../utils/calendar-events';

export interface TCalendarNotice {
  kind: 'success' | 'error';
  message: string;
}

/** What a refused drop tells: the server's words about the time or the status, else what happened. */
function refusalMessage(error: unknown, t: TFunction): string {
  const fields = problemFieldErrors(error);
  if (fields.scheduledAt) return fields.scheduledAt;
  if (fields.status) return fields.status;
  if (isApiError(error) && error.code === 'conflict') return t('calendar.conflict');
  return problemMessage(error, t);
}

/**
 * Dropping an event asks the server to move the post, with the revision the calendar showed.
 * Refused (someone else changed it: 409; a time in the past: 400; …), the event goes back where it
 * was and the notice says why; the calendar is fetched again either way.
 */
export function useDropToReschedule({ timezone, onMoved }: { timezone: string; onMoved?: ((postId: string) => void) | undefined }) {
  const { t } = useTranslation();
  const { mutateAsync } = useMovePost();
  const [notice, setNotice] = useState<TCalendarNotice | null>(null);

  const onDrop = useCallback(
    async (info: EventDropArg) => {
      const item = info.event.extendedProps.item as TCalendarItem;
      const start = info.event.start;
      if (!start) return info.revert();
      setNotice(null);
      try {
        const post = await mutateAsync({ postId: item.id, scheduledAt: dropInstant(start, timezone), revision: item.revision });
        const time = formatInZone(post.scheduledAt ?? dropInstant(start, timezone), timezone);
        // Where approval applies, a moved post is submitted again.
        setNotice({ kind: 'success', message: t(post.status === 'pending_approval' ? 'calendar.movedPending' : 'calendar.moved', { time }) });
        onMoved?.(post.id);
      } catch (error) {
        info.revert();
        setNotice({ kind: 'error', message: refusalMessage(error, t) });
      }
    },
    [mutateAsync, onMoved, t, timezone],
  );
  return { onDrop, notice, dismiss: () => setNotice(null) };
}
