import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { zoneLabel, type TPost } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { useRescheduleForm } from '../hooks/use-reschedule-form';

interface TRescheduleModalProps {
  post: TPost;
  timezone: string;
  opened: boolean;
  onClose: () => void;
}

/** "Jadwalkan ulang": a new time, typed on the wall clock of the user's zone. */
export function RescheduleModal({ opened, onClose, ...formProps }: TRescheduleModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('reschedule.title')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      {/* The modal unmounts its content when closed, so each opening starts from fresh defaults. */}
      <RescheduleForm {...formProps} onClose={onClose} />
    </Modal>
  );
}

function RescheduleForm({ post, timezone, onClose }: Omit<TRescheduleModalProps, 'opened'>) {
  const { t } = useTranslation();
  const { values, setField, submit, pending, dateError, formError } = useRescheduleForm({ post, timezone, onDone: onClose });
  const zone = zoneLabel(timezone);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack>
        <Text size="sm">{t('reschedule.description')}</Text>
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('reschedule.date', { zone })}
            value={values.date}
            onChange={(event) => setField('date', event.currentTarget.value)}
            error={Boolean(dateError)}
            data-autofocus
            data-testid="reschedule-date"
          />
          <TextInput
            type="time"
            label={t('reschedule.time', { zone })}
            value={values.time}
            onChange={(event) => setField('time', event.currentTarget.value)}
            error={Boolean(dateError)}
            data-testid="reschedule-time"
          />
        </Group>
        {/* One message under both inputs: the time is read from the two together. */}
        {dateError && (
          <Text size="sm" c="red" role="alert" data-testid="reschedule-error">
            {dateError}
          </Text>
        )}
        {formError && (
          <Alert color="red" variant="light" role="alert" data-testid="reschedule-error">
            {formError}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.back')}
          </Button>
          <Button type="submit" loading={pending} data-testid="reschedule-submit">
            {t('reschedule.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
