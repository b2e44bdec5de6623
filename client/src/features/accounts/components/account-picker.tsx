import { Checkbox, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useAccounts } from '../api/get-accounts';
import { groupByOpd } from '../utils/group-by-opd';

export interface TAccountPickerProps {
  value: string[];
  onChange: (accountIds: string[]) => void;
  error?: string | undefined;
  disabled?: boolean;
}

/** Checkboxes of the user's accounts, grouped by OPD. Only active accounts can be chosen. */
export function AccountPicker({ value, onChange, error, disabled }: TAccountPickerProps) {
  const { t } = useTranslation();
  const accountsQuery = useAccounts();
  const [search, setSearch] = useState('');
  const all = accountsQuery.data ?? [];
  const groups = useMemo(() => {
    const needle = search.trim().toLowerCase().replace(/^@/, '');
    const matching = (accountsQuery.data ?? []).filter(
      (account) => !needle || [account.handle, account.displayName, account.opdName].some((field) => field.toLowerCase().includes(needle)),
    );
    return groupByOpd(matching);
  }, [accountsQuery.data, search]);
  const errorId = useId();

  const toggle = (accountId: string, checked: boolean) =>
    onChange(checked ? [...value, accountId] : value.filter((id) => id !== accountId));

  return (
    <fieldset
      aria-describedby={error ? errorId : undefined}
      aria-invalid={error ? true : undefined}
      style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}
    >
      <Text component="legend" fw={500} size="sm" mb={4}>
        {t('composer.accounts')}
      </Text>
      {accountsQuery.isPending && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('composer.accountsLoading')}</Text>
        </Group>
      )}
      {accountsQuery.isError && <ErrorAlert error={accountsQuery.error} />}
      {all.length > 4 && (
        <TextInput
          size="xs"
          mb="xs"
          type="search"
          placeholder={t('composer.accountSearch')}
          aria-label={t('composer.accountSearch')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          data-testid="account-search"
        />
      )}
      {accountsQuery.isSuccess && all.length > 0 && groups.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('composer.accountSearchEmpty')}
        </Text>
      )}
      {accountsQuery.isSuccess && all.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('composer.noAccounts')}
        </Text>
      )}
      <Stack gap="sm">
        {groups.map((group) => (
          <div key={group.opdId} role="group" aria-label={group.opdName}>
            <Text size="sm" fw={600} mb={4}>
              {group.opdName}
            </Text>
            <Stack gap={6} pl="sm">
              {group.accounts.map((account) => (
                <Checkbox
                  key={account.id}
                  value={account.id}
                  checked={value.includes(account.id)}
                  onChange={(event) => toggle(account.id, event.currentTarget.checked)}
                  disabled={disabled || account.status !== 'active'}
                  label={`${t(`platformName.${account.platform}`)} · @${account.handle} · ${account.displayName}`}
                  description={account.status === 'active' ? undefined : t(`accountStatus.${account.status}`)}
                  data-testid={`account-checkbox-${account.handle}`}
                  data-account-id={account.id}
                />
              ))}
            </Stack>
          </div>
        ))}
      </Stack>
      {error && (
        <Text id={errorId} c="red" size="sm" mt={4} role="alert">
          {error}
        </Text>
      )}
    </fieldset>
  );
}
