import { Button, Collapse, Group, MultiSelect, Select, Stack } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { ZPostStatus } from '@siar/shared';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TCalendarFilters } from '../api/calendar-keys';
import { PHONE_QUERY } from '../utils/calendar-search';

export interface TCalendarOpd {
  id: string;
  name: string;
}

export interface TCalendarAccountOption {
  id: string;
  opdId: string;
  handle: string;
  platform: string;
}

interface TCalendarFiltersProps {
  filters: TCalendarFilters;
  opds: TCalendarOpd[];
  accounts: TCalendarAccountOption[];
  onChange: (changes: Partial<Record<'opd' | 'account' | 'status', string | undefined>>) => void;
}

/** OPD (only for people who see several), account and status; the values live in the address. */
export const CalendarFilters = memo(function CalendarFilters({ filters, opds, accounts, onChange }: TCalendarFiltersProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
  const [opened, { toggle }] = useDisclosure(false);
  const active = [filters.opdId, filters.accountId, filters.statuses?.length].filter(Boolean).length;
  const accountOptions = accounts
    .filter((account) => !filters.opdId || account.opdId === filters.opdId)
    .map((account) => ({ value: account.id, label: `@${account.handle} (${t(`platformName.${account.platform}`, { defaultValue: account.platform })})` }));
  const fields = (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="calendar-filters">
      {opds.length > 1 && (
        <Select
          label={t('calendar.filters.opd')}
          placeholder={t('calendar.filters.allOpds')}
          data={opds.map((opd) => ({ value: opd.id, label: opd.name }))}
          value={filters.opdId ?? null}
          // Another OPD's account would find nothing: the account filter goes with the OPD.
          onChange={(value) => onChange({ opd: value ?? undefined, account: undefined })}
          clearable
          searchable
          w={{ base: '100%', xs: 220 }}
          data-testid="calendar-filter-opd"
        />
      )}
      <Select
        label={t('calendar.filters.account')}
        placeholder={t('calendar.filters.allAccounts')}
        data={accountOptions}
        value={filters.accountId ?? null}
        onChange={(value) => onChange({ account: value ?? undefined })}
        clearable
        searchable
        nothingFoundMessage={t('calendar.filters.noAccounts')}
        w={{ base: '100%', xs: 220 }}
        data-testid="calendar-filter-account"
      />
      <MultiSelect
        label={t('calendar.filters.status')}
        placeholder={filters.statuses?.length ? undefined : t('calendar.filters.allStatuses')}
        data={ZPostStatus.options.map((status) => ({ value: status, label: t(`postStatus.${status}`) }))}
        value={filters.statuses ?? []}
        onChange={(values) => onChange({ status: values.length ? [...values].sort().join(',') : undefined })}
        clearable
        w={{ base: '100%', xs: 280 }}
        data-testid="calendar-filter-status"
      />
    </Group>
  );
  if (!phone) return fields;
  // On a phone the filters wait behind a button, so the posts come first.
  return (
    <Stack gap="xs">
      <Button variant="default" onClick={toggle} aria-expanded={opened} data-testid="calendar-filters-toggle">
        {t('calendar.filters.toggle', { count: active })}
      </Button>
      <Collapse expanded={opened}>{fields}</Collapse>
    </Stack>
  );
});
