import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { formatInZone, type TAdminUser } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useCreateResetLink } from '../api/create-reset-link';

/**
 * Makes a one-time password link for a person and shows it once, to copy and hand over.
 * Closing forgets it: the server keeps only its hash, so it cannot be shown again.
 */
export function ResetLinkModal({ user, timezone, onClose }: { user: TAdminUser; timezone: string; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateResetLink();
  const link = create.data;

  return (
    <Modal opened onClose={onClose} title={t('admin.reset.title')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        {!link && <Text size="sm">{t('admin.reset.intro', { name: user.name })}</Text>}
        {create.isError && <ErrorAlert error={create.error} testId="reset-link-error" />}
        {link && (
          <>
            <Alert color="yellow" variant="light">
              {t('admin.reset.shownOnce', { name: user.name })}
            </Alert>
            <TextInput
              label={t('admin.reset.link')}
              value={link.url}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
              data-testid="reset-link-url"
            />
            <Text size="sm" c="dimmed">
              {t('admin.reset.expires', { time: formatInZone(link.expiresAt, timezone) })}
            </Text>
          </>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
          {link ? (
            <CopyButton value={link.url} timeout={2000}>
              {({ copied, copy }) => (
                <Button color={copied ? 'teal' : undefined} onClick={copy} data-testid="reset-link-copy">
                  {copied ? t('admin.reset.copied') : t('admin.reset.copy')}
                </Button>
              )}
            </CopyButton>
          ) : (
            <Button onClick={() => create.mutate({ userId: user.id })} loading={create.isPending} data-testid="reset-link-create">
              {t('admin.reset.create')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
