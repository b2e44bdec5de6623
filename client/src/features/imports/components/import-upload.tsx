import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IMPORT_MAX_BYTES, zoneLabel, type TImport } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { IMPORT_TEMPLATE_URL } from '../api/import-keys';
import { useUploadImport } from '../api/upload-import';
import { FileUploadIcon } from '../../../components/ui/icons';

/** Spreadsheet programs label CSV files differently; the server reads the bytes either way. */
const CSV_TYPES = { 'text/csv': ['.csv'], 'application/vnd.ms-excel': ['.csv'], 'text/plain': ['.csv'] };

interface TImportUploadProps {
  timezone: string;
  onUploaded: (preview: TImport) => void;
}

/** Steps 1 and 2: the template, then a file chosen or dropped, uploaded and checked. */
export function ImportUpload({ timezone, onUploaded }: TImportUploadProps) {
  const { t } = useTranslation();
  const upload = useUploadImport();
  const [percent, setPercent] = useState(0);
  const [rejected, setRejected] = useState(false);

  const send = (file: File) => {
    setRejected(false);
    setPercent(0);
    upload.mutate({ file, onProgress: (fraction) => setPercent(Math.round(fraction * 100)) }, { onSuccess: onUploaded });
  };

  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('imports.template.title')}
          </Title>
          <Text size="sm">{t('imports.template.description', { zone: zoneLabel(timezone) })}</Text>
          <Anchor href={IMPORT_TEMPLATE_URL} download data-testid="import-template-link">
            {t('imports.template.link')}
          </Anchor>
        </Stack>
      </Card>
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('imports.upload.title')}
          </Title>
          <Dropzone
            onDrop={(files) => files[0] && send(files[0])}
            onReject={() => setRejected(true)}
            accept={CSV_TYPES}
            maxSize={IMPORT_MAX_BYTES}
            multiple={false}
            loading={upload.isPending}
            data-testid="import-dropzone"
          >
            <Group justify="center" gap="md" mih={120} style={{ pointerEvents: 'none' }}>
              <FileUploadIcon />
              <Stack gap={4}>
                <Text size="lg">{upload.isPending ? t('imports.upload.uploading', { percent }) : t('imports.upload.drop')}</Text>
                <Text size="sm" c="dimmed">
                  {t('imports.upload.hint')}
                </Text>
              </Stack>
            </Group>
          </Dropzone>
          {rejected && (
            <Text size="sm" c="red" role="alert">
              {t('imports.upload.rejected')}
            </Text>
          )}
          <ErrorAlert error={upload.error} testId="import-upload-error" />
        </Stack>
      </Card>
    </Stack>
  );
}
