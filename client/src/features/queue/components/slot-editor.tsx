import { Alert, Button, Checkbox, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { QUEUE_SLOTS_MAX, zoneLabel, type TQueueSlot } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useSaveQueueSlots } from '../api/save-queue-slots';
import { addTime, removeTime, sameSlots, toggleDay, toRows, toSlots, WEEKDAYS } from '../utils/slot-rows';
import { weekdayName } from '../utils/weekday-name';
import { SlotAddForm } from './slot-add-form';

interface TSlotEditorProps {
  accountId: string;
  /** As saved: the editor starts from it, and "changed" means different from it. */
  slots: TQueueSlot[];
  timezone: string;
  canEdit: boolean;
}

/** Days of the week × times of day, saved as a whole with PUT. */
export function SlotEditor({ accountId, slots, timezone, canEdit }: TSlotEditorProps) {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState(() => toRows(slots));
  const save = useSaveQueueSlots();
  const draft = toSlots(rows);
  const changed = !sameSlots(draft, slots);
  const tooMany = draft.length > QUEUE_SLOTS_MAX;
  const edit = (next: typeof rows) => {
    setRows(next);
    save.reset();
  };

  return (
    <Stack gap="sm" data-testid="slot-editor">
      <Title order={4} size="h5">
        {t('queue.editor.title', { zone: zoneLabel(timezone) })}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm">{t('queue.editor.noTimes')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing={4} layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('queue.editor.time')}</Table.Th>
                {WEEKDAYS.map((d) => (
                  <Table.Th key={d} ta="center">
                    <abbr title={weekdayName(d, i18n.language)}>{weekdayName(d, i18n.language, 'short')}</abbr>
                  </Table.Th>
                ))}
                {canEdit && (
                  <Table.Th w={80}>
                    <VisuallyHidden>{t('queue.editor.remove')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.time} data-testid="slot-row" data-time={row.time}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {row.time}
                    </Text>
                  </Table.Td>
                  {WEEKDAYS.map((d) => (
                    <Table.Td key={d}>
                      <Checkbox
                        mx="auto"
                        w="fit-content"
                        checked={row.weekdays.includes(d)}
                        disabled={!canEdit}
                        onChange={() => edit(toggleDay(rows, row.time, d))}
                        aria-label={t('queue.editor.toggle', { day: weekdayName(d, i18n.language), time: row.time })}
                        data-testid={`slot-toggle-${d}-${row.time}`}
                      />
                    </Table.Td>
                  ))}
                  {canEdit && (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() => edit(removeTime(rows, row.time))}
                        aria-label={t('queue.editor.removeTime', { time: row.time })}
                        data-testid={`slot-remove-${row.time}`}
                      >
                        {t('queue.editor.remove')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canEdit ? (
        <>
          <SlotAddForm timezone={timezone} onAdd={(time, weekdays) => edit(addTime(rows, time, weekdays))} />
          <Group gap="sm" align="center">
            <Button
              onClick={() => save.mutate({ accountId, slots: draft })}
              disabled={!changed || tooMany}
              loading={save.isPending}
              data-testid="slots-save"
            >
              {t('queue.editor.save')}
            </Button>
            {changed && (
              <Button variant="subtle" onClick={() => edit(toRows(slots))} data-testid="slots-reset">
                {t('queue.editor.reset')}
              </Button>
            )}
            <Text size="xs" fw={tooMany ? 700 : 400}>
              {tooMany
                ? t('queue.editor.tooMany', { max: QUEUE_SLOTS_MAX })
                : t('queue.editor.count', { n: draft.length, max: QUEUE_SLOTS_MAX })}
            </Text>
          </Group>
          {save.isSuccess && !changed && (
            <Alert color="green" variant="light" py="xs" role="status" data-testid="slots-saved">
              {t('queue.editor.saved')}
            </Alert>
          )}
          <ErrorAlert error={save.error} testId="slots-error" />
        </>
      ) : (
        <Alert variant="light" color="gray">
          {t('queue.editor.readOnly')}
        </Alert>
      )}
    </Stack>
  );
}
