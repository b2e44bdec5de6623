import type { TActivityFlags } from '@siar/shared';
import { useTranslation } from 'react-i18next';

/** The flags as plain words, for print. */
export function ActivityFlagsText({ flags }: { flags: TActivityFlags }) {
  const { t } = useTranslation();
  const words = [flags.inactive && t('activity.flags.inactive'), flags.repeatedFailures && t('activity.flags.repeatedFailures'), flags.needsReconnect && t('activity.flags.needsReconnect')].filter(Boolean);
  return <>{words.length ? words.join(', ') : '—'}</>;
}
