import { Alert, Button, Group, Stack, Switch, Text, Title } from '@mantine/core';
import type { TImport } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ui/confirm-modal';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useCommitImport, useDiscardImport } from '../api/import-transition';
import { canCommit, visibleRows } from '../utils/import-rows';
import { ImportRowsTable } from './import-rows-table';

interface TImportPreviewProps {
  preview: TImport;
  timezone: string;
}

/** The checked sheet before anything is scheduled: what is valid, what is wrong and why. */
export function ImportPreview({ preview, timezone }: TImportPreviewProps) {
  const { t } = useTranslation();
  const [onlyProblems, setOnlyProblems] = useState(preview.invalidRows > 0);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const commit = useCommitImport();
  const discard = useDiscardImport();
  const expired = Date.parse(preview.expiresAt) <= Date.now();
  const rows = visibleRows(preview.rows ?? [], onlyProblems);

  return (
    <Stack gap="sm" data-testid="import-preview" data-import-id={preview.id}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2} size="h3">
          {t('imports.preview.title', { fileName: preview.fileName })}
        </Title>
        <Text fw={600} c={preview.invalidRows > 0 ? 'orange.8' : 'green.8'} data-testid="import-summary" data-valid={preview.validRows} data-invalid={preview.invalidRows}>
          {t('imports.preview.summary', { valid: preview.validRows, invalid: preview.invalidRows })}
        </Text>
      </Group>
      <Alert color="blue" variant="light" data-testid="import-nothing-scheduled">
        {t('imports.preview.nothingScheduled')}
      </Alert>
      {expired && <Alert color="orange">{t('imports.preview.expired')}</Alert>}
      {!expired && preview.validRows === 0 && <Alert color="red">{t('imports.preview.noneValid')}</Alert>}
      {!expired && preview.validRows > 0 && preview.invalidRows > 0 && (
        <Text size="sm" c="dimmed">
          {t('imports.preview.someInvalid')}
        </Text>
      )}
      <Switch
        label={t('imports.preview.onlyProblems')}
        checked={onlyProblems}
        onChange={(event) => setOnlyProblems(event.currentTarget.checked)}
        data-testid="import-only-problems"
      />
      {rows.length === 0 && onlyProblems ? (
        <Text c="dimmed" size="sm">
          {t('imports.preview.noProblems')}
        </Text>
      ) : (
        <ImportRowsTable key={String(onlyProblems)} rows={rows} timezone={timezone} />
      )}
      <ErrorAlert error={commit.error ?? discard.error} testId="import-action-error" />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" color="red" onClick={() => setConfirmDiscard(true)} loading={discard.isPending} disabled={commit.isPending} data-testid="import-discard">
          {t('imports.preview.discard')}
        </Button>
        <Button onClick={() => commit.mutate(preview.id)} loading={commit.isPending} disabled={!canCommit(preview) || discard.isPending} data-testid="import-schedule">
          {t('imports.preview.schedule', { n: preview.validRows })}
        </Button>
      </Group>
      <ConfirmModal
        opened={confirmDiscard}
        title={t('imports.preview.discardTitle')}
        message={t('imports.preview.discardMessage')}
        confirmLabel={t('imports.preview.discard')}
        color="red"
        onConfirm={() => {
          setConfirmDiscard(false);
          discard.mutate(preview.id);
        }}
        onClose={() => setConfirmDiscard(false)}
      />
    </Stack>
  );
}
