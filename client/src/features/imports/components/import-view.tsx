import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useImport, useImportProgress } from '../api/get-import';
import { importKeys } from '../api/import-keys';
import { ImportPreview } from './import-preview';
import { ImportProgress } from './import-progress';
import { ImportResult } from './import-result';

interface TImportViewProps {
  id: string;
  timezone: string;
  onClose: () => void;
}

/** One import, at whatever step it is: preview, being scheduled, finished or discarded. */
export function ImportView({ id, timezone, onClose }: TImportViewProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const progress = useImportProgress(id);
  const status = progress.data?.status;
  const detail = useImport(id);

  // Once scheduling ends, the rows (their posts, their reasons) and the list are out of date.
  useEffect(() => {
    if (status !== 'done') return;
    void queryClient.invalidateQueries({ queryKey: importKeys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: importKeys.lists() });
  }, [status, id, queryClient]);

  if (!progress.data) {
    if (progress.isError) return <ErrorAlert error={progress.error} />;
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  const state = progress.data;
  if (state.status === 'committing') return <ImportProgress state={state} />;
  if (state.status === 'done') return <ImportResult state={state} onAnother={onClose} />;
  if (state.status === 'discarded') {
    return (
      <Stack gap="xs" align="flex-start">
        <Alert color="gray" data-testid="import-discarded">
          {t('imports.discarded')}
        </Alert>
        <Button variant="default" size="xs" onClick={onClose}>
          {t('imports.result.another')}
        </Button>
      </Stack>
    );
  }
  if (!detail.data?.rows) {
    if (detail.isError) return <ErrorAlert error={detail.error} />;
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  return <ImportPreview preview={{ ...detail.data, ...state, rows: detail.data.rows }} timezone={timezone} />;
}
