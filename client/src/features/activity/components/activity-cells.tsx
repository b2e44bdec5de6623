import { Text, Tooltip } from '@mantine/core';
import { formatInZone, type TActivityOpd } from '@siar/shared';
import { useTranslation } from 'react-i18next';

export function LastPublished({ at, ageDays, timezone }: { at: string | null; ageDays: number | null; timezone: string }) {
  const { t } = useTranslation();
  if (!at) return <Text size="sm" c="dimmed">{t('activity.never')}</Text>;
  return (
    <Tooltip label={formatInZone(at, timezone)}>
      <Text size="sm">{t('activity.daysAgo', { count: ageDays ?? 0 })}</Text>
    </Tooltip>
  );
}

export function ApprovalMinutes({ value }: { value: number | null }) {
  const { t } = useTranslation();
  return <Text size="sm">{value === null ? '—' : t('activity.minutes', { value })}</Text>;
}

/** ✓ / ✗ with the weeks met, e.g. "✗ 2/5 minggu"; "—" without a target. */
export function TargetCell({ opd }: { opd: TActivityOpd }) {
  const { t } = useTranslation();
  if (opd.weeklyTarget <= 0) return <Text size="sm" c="dimmed">{t('activity.noTarget')}</Text>;
  const done = opd.weeks.filter((w) => w.complete);
  const met = done.filter((w) => w.met).length;
  const mark = opd.targetMet === null ? '…' : opd.targetMet ? '✓' : '✗';
  return (
    <Tooltip label={opd.weeks.map((w) => `${w.start}: ${w.published}/${opd.weeklyTarget}`).join(' · ')}>
      <Text size="sm" c={opd.targetMet === false ? 'red' : opd.targetMet ? 'green' : undefined} aria-label={opd.targetMet === false ? t('activity.targetMissed') : t('activity.targetMet')} data-testid="target-cell">
        {mark} {t('activity.perWeek', { target: opd.weeklyTarget })} · {t('activity.weeksMet', { met, total: done.length })}
      </Text>
    </Tooltip>
  );
}
