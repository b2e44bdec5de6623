import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { ZMarkPublishedRequest, type TDelivery } from '@siar/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { problemFieldErrors } from '../../../lib/problem-message';
import { useMarkDeliveryPublished } from '../api/mark-delivery-published';

interface TMarkPublishedModalProps {
  delivery: TDelivery;
  opened: boolean;
  onClose: () => void;
}

/** "Sudah terbit": the person found the post live and gives its link as proof. */
export function MarkPublishedModal({ delivery, opened, onClose }: TMarkPublishedModalProps) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [clientError, setClientError] = useState<string | undefined>();
  const mutation = useMarkDeliveryPublished();
  const serverError = problemFieldErrors(mutation.error).url;

  const close = () => {
    mutation.reset();
    setUrl('');
    setClientError(undefined);
    onClose();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = ZMarkPublishedRequest.safeParse({ url: url.trim() });
    if (!parsed.success) {
      const key = parsed.error.issues[0]?.message ?? 'invalid';
      setClientError(t(`validation.${key}`, { defaultValue: t('validation.invalid') }));
      return;
    }
    setClientError(undefined);
    mutation.mutate({ deliveryId: delivery.id, url: parsed.data.url }, { onSuccess: close });
  };

  return (
    <Modal opened={opened} onClose={close} title={t('markPublished.title')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form noValidate onSubmit={onSubmit}>
        <Stack>
          <Text size="sm">{t('markPublished.description', { handle: delivery.handle })}</Text>
          <TextInput
            type="url"
            label={t('markPublished.url')}
            placeholder={t('markPublished.urlPlaceholder')}
            value={url}
            onChange={(event) => setUrl(event.currentTarget.value)}
            error={clientError ?? serverError}
            data-autofocus
            data-testid="mark-published-url"
          />
          {mutation.isError && !serverError && <ErrorAlert error={mutation.error} testId="mark-published-error" />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.back')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="mark-published-submit">
              {t('markPublished.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
