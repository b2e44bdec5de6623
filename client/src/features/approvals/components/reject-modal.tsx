import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { POST_REVIEW_COMMENT_MAX } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface TRejectModalProps {
  opened: boolean;
  busy: boolean;
  onReject: (comment: string) => void;
  onClose: () => void;
}

/** The reason is required: the author reads it on their post and fixes it from there. */
export function RejectModal({ opened, busy, onReject, onClose }: TRejectModalProps) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const trimmed = comment.trim();
    if (!trimmed) return setError(t('approvals.rejectModal.required'));
    if (trimmed.length > POST_REVIEW_COMMENT_MAX) return setError(t('approvals.rejectModal.tooLong'));
    onReject(trimmed);
  };
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('approvals.rejectModal.title')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Textarea
            label={t('approvals.rejectModal.label')}
            description={t('approvals.rejectModal.hint')}
            placeholder={t('approvals.rejectModal.placeholder')}
            autosize
            minRows={3}
            maxRows={8}
            required
            value={comment}
            error={error}
            onChange={(event) => {
              setComment(event.currentTarget.value);
              setError(null);
            }}
            data-autofocus
            data-testid="reject-comment"
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.back')}
            </Button>
            <Button type="submit" color="red" loading={busy} data-testid="reject-accept">
              {t('approvals.rejectModal.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
