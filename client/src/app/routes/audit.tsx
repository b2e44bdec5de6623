import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { TMe } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ui/error-alert';
import { useAuditActors } from '../../features/audit/api/get-audit-actors';
import { useAuditEvents } from '../../features/audit/api/get-audit-events';
import { AuditFilterBar } from '../../features/audit/components/audit-filter-bar';
import { AuditTable } from '../../features/audit/components/audit-table';
import {
  csvHref,
  filtersFromSearch,
  filtersToSearch,
  toApiParams,
  type TAuditFilterValues,
} from '../../features/audit/utils/audit-filters';
import { useCurrentUser } from '../../features/auth/api/get-me';

function AuditLog({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const values = filtersFromSearch(search);
  // A new object per render is fine: React Query compares query keys by value.
  const params = toApiParams(values, me.timezone);
  const eventsQuery = useAuditEvents(params);
  const actors = useAuditActors().data ?? [];
  const events = eventsQuery.data?.pages.flatMap((page) => page.items) ?? [];
  const onChange = (next: TAuditFilterValues) => setSearch(filtersToSearch(next), { replace: true });

  return (
    <Stack gap="md">
      <AuditFilterBar values={values} opds={me.opds} actors={actors} onChange={onChange} />
      <Group justify="flex-end">
        {/* The same filters, every page of them, as a file for a spreadsheet. */}
        <Button component="a" href={csvHref(params)} download variant="light" data-testid="audit-export">
          {t('audit.export')}
        </Button>
      </Group>
      {eventsQuery.isPending && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('audit.loading')}</Text>
        </Group>
      )}
      {eventsQuery.isError && <ErrorAlert error={eventsQuery.error} />}
      {eventsQuery.isSuccess && events.length === 0 && (
        <Text c="dimmed" data-testid="audit-empty">
          {t('audit.empty')}
        </Text>
      )}
      {events.length > 0 && <AuditTable events={events} timezone={me.timezone} />}
      {eventsQuery.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            onClick={() => void eventsQuery.fetchNextPage()}
            loading={eventsQuery.isFetchingNextPage}
            data-testid="audit-load-more"
          >
            {t('audit.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** /audit: the hash-chained log, for admins and Diskominfo supervisors. */
export function AuditRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <Stack gap="md">
      <title>{`${t('audit.title')} · ${t('app.name')}`}</title>
      <div>
        <Title order={1} size="h2">
          {t('audit.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('audit.description')}
        </Text>
      </div>
      {me.role === 'operator' ? (
        <Alert color="red" variant="light" role="alert" data-testid="audit-forbidden">
          {t('audit.forbidden')}
        </Alert>
      ) : (
        <AuditLog me={me} />
      )}
    </Stack>
  );
}
