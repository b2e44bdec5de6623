import { Button, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import '@mantine/charts/styles.css';
import { utcToZonedWallTime, type TActivityAccount } from '@siar/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ui/error-alert';
import { useActivity } from '../../features/activity/api/get-activity';
import { AccountDrawer } from '../../features/activity/components/account-drawer';
import { ActivityCharts } from '../../features/activity/components/charts/activity-charts';
import { ActivityTable } from '../../features/activity/components/activity-table';
import { PeriodPicker } from '../../features/activity/components/period-picker';
import { activityCsvHref, periodFromSearch, periodRange, periodToSearch } from '../../features/activity/utils/activity-period';
import { filterOpds, type TFlagFilter } from '../../features/activity/utils/activity-sort';
import { useCurrentUser } from '../../features/auth/api/get-me';

/** /activity: per OPD and account, who publishes, who went quiet, who keeps failing (issue #7). */
export function ActivityRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [search, setSearch] = useSearchParams();
  const values = periodFromSearch(search);
  const opdId = search.get('opd') ?? '';
  const [text, setText] = useState('');
  const [flag, setFlag] = useState<TFlagFilter>('all');
  const [account, setAccount] = useState<TActivityAccount | null>(null);
  // The period is read once per render from "now": this week/month move on by themselves after midnight.
  const range = periodRange(values, new Date(), me.timezone);
  const params = range ? { ...range, ...(opdId ? { opdId } : {}) } : null;
  const query = useActivity(params);
  const opds = useMemo(() => filterOpds(query.data?.opds ?? [], text, flag), [query.data, text, flag]);
  const month = utcToZonedWallTime(new Date(), me.timezone).date.slice(0, 7);

  const update = (next: URLSearchParams) => {
    if (opdId) next.set('opd', opdId);
    setSearch(next, { replace: true });
  };

  return (
    <Stack gap="md">
      <title>{`${t('activity.title')} · ${t('app.name')}`}</title>
      <div>
        <Title order={1} size="h2">
          {t('activity.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('activity.description')}
        </Text>
      </div>
      <PeriodPicker values={values} invalid={values.kind === 'custom' && Boolean(values.fromDate && values.toDate) && !range} onChange={(next) => update(periodToSearch(next))} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput label={t('activity.filter.search')} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="activity-search" />
        {me.opds.length > 1 && (
          <Select
            label={t('activity.columns.opd')}
            clearable
            searchable
            value={opdId || null}
            placeholder={t('activity.filter.all')}
            data={me.opds.map((o) => ({ value: o.id, label: o.name }))}
            onChange={(value) => {
              const next = periodToSearch(values);
              if (value) next.set('opd', value);
              setSearch(next, { replace: true });
            }}
          />
        )}
        <Select
          label={t('activity.filter.flag')}
          value={flag}
          allowDeselect={false}
          onChange={(value) => setFlag((value as TFlagFilter | null) ?? 'all')}
          data={(['all', 'inactive', 'repeatedFailures', 'needsReconnect', 'targetMissed'] as const).map((value) => ({ value, label: t(`activity.filter.${value}`) }))}
          data-testid="activity-flag-filter"
        />
        <Group gap="xs" ml="auto">
          {params && (
            <Button component="a" href={activityCsvHref(params)} download variant="light" data-testid="activity-export">
              {t('activity.export')}
            </Button>
          )}
          <Button component={Link} to={`/activity/report?month=${month}`} variant="default" data-testid="activity-report-link">
            {t('activity.report')}
          </Button>
        </Group>
      </Group>
      {query.isFetching && !query.data && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('activity.loading')}</Text>
        </Group>
      )}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && opds.length === 0 && (
        <Text c="dimmed" data-testid="activity-empty">
          {t('activity.empty')}
        </Text>
      )}
      <ActivityCharts params={params} />
      {opds.length > 0 && <ActivityTable opds={opds} timezone={me.timezone} onOpenAccount={setAccount} />}
      {range && <AccountDrawer account={account} range={range} timezone={me.timezone} onClose={() => setAccount(null)} />}
    </Stack>
  );
}
