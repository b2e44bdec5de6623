import { Button, Group, Modal, Stack, Text, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface TConfirmModalProps {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  color?: MantineColor;
  /** Tests tell confirmations apart by this; `confirm-accept` when not given. */
  confirmTestId?: string;
  onConfirm: () => void;
  onClose: () => void;
}

/** Asks before an action that cannot be undone; "back" is the safe default. */
export function ConfirmModal({
  opened,
  title,
  message,
  confirmLabel,
  color,
  confirmTestId = 'confirm-accept',
  onConfirm,
  onClose,
}: TConfirmModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="sm" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        <Text size="sm">{message}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} data-autofocus data-testid="confirm-dismiss">
            {t('common.back')}
          </Button>
          <Button color={color} onClick={onConfirm} data-testid={confirmTestId}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
