import { Group, TextInput } from '@mantine/core';
import { zoneLabel } from '@siar/shared';
import { useTranslation } from 'react-i18next';

interface TPostScheduleFieldsProps {
  timezone: string;
  date: string;
  time: string;
  onChange: (field: 'date' | 'time', value: string) => void;
  dateError: string | undefined;
  timeError: string | undefined;
}

/** Date and time on the wall clock of the user's zone. */
export function PostScheduleFields({ timezone, date, time, onChange, dateError, timeError }: TPostScheduleFieldsProps) {
  const { t } = useTranslation();
  const zone = zoneLabel(timezone);
  return (
    <Group grow align="flex-start">
      <TextInput
        type="date"
        label={t('composer.date', { zone })}
        value={date}
        onChange={(event) => onChange('date', event.currentTarget.value)}
        error={dateError}
        data-testid="post-date"
      />
      <TextInput
        type="time"
        label={t('composer.time', { zone })}
        value={time}
        onChange={(event) => onChange('time', event.currentTarget.value)}
        error={Boolean(dateError) || timeError}
        data-testid="post-time"
      />
    </Group>
  );
}
