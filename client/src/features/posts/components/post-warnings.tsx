import { Alert, Button, Stack, Text } from '@mantine/core';
import type { TPostWarning } from '@siar/shared';
import { useTranslation } from 'react-i18next';

interface TPostWarningsProps {
  warnings: TPostWarning[];
  handleOf: (accountId: string) => string | undefined;
  /** Without it (a post already saved) the alert only informs. */
  onMakeVariants?: (accountIds: string[]) => void;
  /** Accounts that already have a variant: no button when every account named has one. */
  variantAccountIds?: string[];
  testId?: string;
}

/** The server's warnings (already in the UI language) with the accounts they are about. */
export function PostWarnings({ warnings, handleOf, onMakeVariants, variantAccountIds = [], testId = 'post-warning' }: TPostWarningsProps) {
  const { t } = useTranslation();
  return warnings.map((warning) => {
    const handles = warning.accountIds.map((id) => `@${handleOf(id) ?? id}`).join(', ');
    const missing = warning.accountIds.filter((id) => !variantAccountIds.includes(id));
    return (
      <Alert key={`${warning.code}-${warning.platform}`} color="yellow" variant="light" data-testid={testId} data-code={warning.code}>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{warning.message}</Text>
          <Text size="sm" fw={500}>
            {t('composer.warningAccounts', { handles })}
          </Text>
          {onMakeVariants && missing.length > 0 && (
            <Button size="xs" variant="outline" color="orange" onClick={() => onMakeVariants(missing)} data-testid="post-make-variants">
              {t('composer.makeVariants')}
            </Button>
          )}
        </Stack>
      </Alert>
    );
  });
}
