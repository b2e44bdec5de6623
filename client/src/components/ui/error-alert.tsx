import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../lib/problem-message';

interface TErrorAlertProps {
  error: unknown;
  testId?: string;
}

export function ErrorAlert({ error, testId }: TErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert" data-testid={testId}>
      {problemMessage(error, t)}
    </Alert>
  );
}
