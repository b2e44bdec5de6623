import { Loader, Text, ThemeIcon, Tooltip } from '@mantine/core';
import type { TImportRowStatus } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { AlertCircleIcon, CheckCircleIcon } from '../../../components/ui/icons';

/** One row's state as an icon with its name (for screen readers and on hover). */
export function ImportRowStatus({ status }: { status: TImportRowStatus }) {
  const { t } = useTranslation();
  const label = t(`imports.rowStatus.${status}`);
  if (status === 'creating') return <Loader size="xs" aria-label={label} />;
  const ok = status === 'valid' || status === 'created';
  return (
    <Tooltip label={label} withArrow>
      <ThemeIcon variant="light" color={ok ? 'green' : 'red'} size="sm" radius="xl" aria-label={label} role="img">
        {ok ? <CheckCircleIcon width={14} height={14} /> : <AlertCircleIcon width={14} height={14} />}
      </ThemeIcon>
    </Tooltip>
  );
}

const FIELDS = ['accounts', 'date', 'time', 'text', 'mediaUrl', 'row'] as const;
const isField = (field: string): field is (typeof FIELDS)[number] => (FIELDS as readonly string[]).includes(field);

/** The problems of a row, in red, each naming its column. */
export function ImportRowErrors({ errors }: { errors: { field: string; message: string }[] }) {
  const { t } = useTranslation();
  return errors.map((error, index) => (
    <Text key={index} size="xs" c="red" data-testid="import-row-error" data-field={error.field}>
      {`${isField(error.field) ? t(`imports.field.${error.field}`) : error.field}: ${error.message}`}
    </Text>
  ));
}
