import '@mantine/dropzone/styles.css';
import { Divider, Stack, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../features/auth/api/get-me';
import { ImportHistory } from '../../features/imports/components/import-history';
import { ImportUpload } from '../../features/imports/components/import-upload';
import { ImportView } from '../../features/imports/components/import-view';

/** Bulk scheduling: the open import (`?id=`) or a new upload, and the recent imports below. */
export function ImportRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const openedId = params.get('id');
  const open = useCallback((id: string) => setParams({ id }), [setParams]);
  const close = useCallback(() => setParams({}), [setParams]);

  return (
    <Stack gap="md" data-testid="import-page">
      <title>{`${t('imports.title')} · ${t('app.name')}`}</title>
      <div>
        <Title order={1} size="h2">
          {t('imports.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('imports.description')}
        </Text>
      </div>
      {openedId ? (
        <ImportView key={openedId} id={openedId} timezone={me.timezone} onClose={close} />
      ) : (
        <ImportUpload timezone={me.timezone} onUploaded={(preview) => open(preview.id)} />
      )}
      <Divider />
      <ImportHistory timezone={me.timezone} openedId={openedId} onOpen={open} />
    </Stack>
  );
}
