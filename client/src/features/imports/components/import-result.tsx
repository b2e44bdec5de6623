import { Alert, Anchor, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import type { TImport } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** What the import scheduled, a way to see it, and the rows that did not make it, with why. */
export function ImportResult({ state, onAnother }: { state: TImport; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" data-testid="import-result" data-created={state.createdPosts} data-failed={state.failedCount}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('imports.result.title')}
        </Title>
        <Alert color={state.failedCount > 0 ? 'orange' : 'green'} variant="light">
          {t('imports.result.summary', { created: state.createdPosts, failed: state.failedCount })}
        </Alert>
        {state.failedRows.length > 0 && (
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t('imports.result.failedTitle')}
            </Text>
            <List size="sm" spacing={4}>
              {state.failedRows.map((row) => (
                <List.Item key={row.rowNumber} data-testid="import-failed-row" data-row-number={row.rowNumber}>
                  <Text size="sm" c="red">
                    {`${t('imports.table.row')} ${row.rowNumber}: ${row.errors.map((e) => e.message).join(' ')}`}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        <Group gap="xs">
          <Anchor component={Link} to="/calendar" data-testid="import-calendar-link">
            {t('imports.result.calendar')}
          </Anchor>
          <Button variant="default" size="xs" onClick={onAnother}>
            {t('imports.result.another')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
