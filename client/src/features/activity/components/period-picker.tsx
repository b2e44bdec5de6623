import { Group, SegmentedControl, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TPeriodKind, TPeriodValues } from '../utils/activity-period';

/** This week, this month (WIB), or two dates typed in (the end date included). */
export function PeriodPicker({ values, invalid, onChange }: { values: TPeriodValues; invalid: boolean; onChange: (next: TPeriodValues) => void }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <SegmentedControl
        aria-label={t('activity.period.label')}
        value={values.kind}
        onChange={(kind) => onChange({ ...values, kind: kind as TPeriodKind })}
        data={[
          { value: 'week', label: t('activity.period.week') },
          { value: 'month', label: t('activity.period.month') },
          { value: 'custom', label: t('activity.period.custom') },
        ]}
        data-testid="activity-period"
      />
      {values.kind === 'custom' && (
        <>
          <TextInput type="date" label={t('activity.period.from')} value={values.fromDate} onChange={(e) => onChange({ ...values, fromDate: e.currentTarget.value })} data-testid="activity-from" />
          <TextInput type="date" label={t('activity.period.to')} value={values.toDate} onChange={(e) => onChange({ ...values, toDate: e.currentTarget.value })} data-testid="activity-to" />
          {invalid && (
            <Text size="sm" c="red" role="alert">
              {t('activity.period.invalid')}
            </Text>
          )}
        </>
      )}
    </Group>
  );
}
