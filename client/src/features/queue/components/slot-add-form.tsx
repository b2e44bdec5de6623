import { Alert, Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { zoneLabel } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS, WORKDAYS } from '../utils/slot-rows';
import { weekdayName } from '../utils/weekday-name';

const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

interface TSlotAddFormProps {
  timezone: string;
  onAdd: (time: string, weekdays: number[]) => void;
}

/** A time (`type="time"`) and the weekdays it applies to, with "Sen–Jum" and "Setiap hari" shortcuts. */
export function SlotAddForm({ timezone, onAdd }: TSlotAddFormProps) {
  const { t, i18n } = useTranslation();
  const [time, setTime] = useState('');
  const [days, setDays] = useState<string[]>(WORKDAYS.map(String));
  const [error, setError] = useState<string | null>(null);

  const add = () => {
    // Browsers give "HH:mm" (or "HH:mm:ss" with seconds): the API takes minutes.
    const value = time.slice(0, 5);
    if (!TIME_PATTERN.test(value)) return setError(t('queue.editor.invalidTime'));
    if (days.length === 0) return setError(t('queue.editor.pickDay'));
    setError(null);
    onAdd(value, days.map(Number));
    setTime('');
  };

  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          type="time"
          label={t('queue.editor.newTime', { zone: zoneLabel(timezone) })}
          value={time}
          onChange={(event) => {
            setTime(event.currentTarget.value);
            setError(null);
          }}
          w={150}
          data-testid="slot-new-time"
        />
        <Checkbox.Group label={t('queue.editor.days')} value={days} onChange={setDays}>
          <Group gap="xs" mt={6}>
            {WEEKDAYS.map((d) => (
              <Checkbox
                key={d}
                value={String(d)}
                label={weekdayName(d, i18n.language, 'short')}
                aria-label={weekdayName(d, i18n.language)}
                data-testid={`slot-new-day-${d}`}
              />
            ))}
          </Group>
        </Checkbox.Group>
      </Group>
      <Group gap="xs">
        <Button size="xs" variant="default" onClick={() => setDays(WORKDAYS.map(String))} data-testid="slot-workdays">
          {t('queue.editor.workdays')}
        </Button>
        <Button size="xs" variant="default" onClick={() => setDays(WEEKDAYS.map(String))} data-testid="slot-everyday">
          {t('queue.editor.everyDay')}
        </Button>
        <Button size="xs" variant="light" onClick={add} data-testid="slot-add">
          {t('queue.editor.add')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" variant="light" py="xs" role="alert" data-testid="slot-add-error">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
