import { Alert, Button, Card, Progress, Stack, Text, Title } from '@mantine/core';
import type { TImport } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useCommitImport } from '../api/import-transition';

/** The rows being scheduled, as they are done; a run stopped by a restart can be resumed. */
export function ImportProgress({ state }: { state: TImport }) {
  const { t } = useTranslation();
  const resume = useCommitImport();
  const percent = state.validRows > 0 ? Math.round((state.processedRows / state.validRows) * 100) : 100;
  return (
    <Card withBorder padding="md" data-testid="import-progress" data-processed={state.processedRows} data-created={state.createdPosts}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('imports.progress.title')}
        </Title>
        <Progress value={percent} animated={!state.resumable} size="lg" aria-label={t('imports.progress.label')} />
        <Text size="sm" data-testid="import-progress-counts">
          {t('imports.progress.counts', { processed: state.processedRows, total: state.validRows, created: state.createdPosts, failed: state.failedCount })}
        </Text>
        {state.resumable ? (
          <Alert color="orange">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('imports.progress.stalled')}</Text>
              <Button size="xs" onClick={() => resume.mutate(state.id)} loading={resume.isPending} data-testid="import-resume">
                {t('imports.progress.resume')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          <Text size="xs" c="dimmed">
            {t('imports.progress.background')}
          </Text>
        )}
        <ErrorAlert error={resume.error} />
      </Stack>
    </Card>
  );
}
