import { Badge, Button, Card, Group, Stack, Text, Title, type MantineColor } from '@mantine/core';
import { formatInZone, type TImportStatus } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useImports } from '../api/get-imports';

const COLORS: Record<TImportStatus, MantineColor> = { preview: 'blue', committing: 'cyan', done: 'green', discarded: 'gray' };

interface TImportHistoryProps {
  timezone: string;
  openedId: string | null;
  onOpen: (id: string) => void;
}

/** The user's recent imports with their results, each openable. */
export function ImportHistory({ timezone, openedId, onOpen }: TImportHistoryProps) {
  const { t } = useTranslation();
  const imports = useImports();
  const items = [...new Map((imports.data?.pages ?? []).flatMap((page) => page.items).map((item) => [item.id, item])).values()];
  return (
    <Stack gap="xs" component="section" aria-labelledby="import-history-title" data-testid="import-history">
      <Title order={2} size="h4" id="import-history-title">
        {t('imports.history.title')}
      </Title>
      <ErrorAlert error={imports.error} />
      {imports.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('imports.history.empty')}
        </Text>
      )}
      {items.map((item) => (
        <Card key={item.id} withBorder padding="sm" data-testid="import-history-item" data-import-id={item.id} data-status={item.status}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={2}>
              <Group gap="xs">
                <Text fw={600} size="sm">
                  {item.fileName}
                </Text>
                <Badge color={COLORS[item.status]} variant="light" size="sm">
                  {t(`imports.status.${item.status}`)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {t('imports.history.byline', { name: item.createdBy.name, time: formatInZone(item.createdAt, timezone) })}
              </Text>
              <Text size="xs">
                {t('imports.history.counts', { valid: item.validRows, invalid: item.invalidRows, created: item.createdPosts, failed: item.failedCount })}
              </Text>
            </Stack>
            <Button variant={openedId === item.id ? 'light' : 'default'} size="xs" onClick={() => onOpen(item.id)} data-testid="import-history-open">
              {t('imports.history.open')}
            </Button>
          </Group>
        </Card>
      ))}
      {imports.hasNextPage && (
        <Button variant="default" size="xs" onClick={() => void imports.fetchNextPage()} loading={imports.isFetchingNextPage}>
          {t('imports.history.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
