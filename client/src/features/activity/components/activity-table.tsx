import { ActionIcon, Anchor, Badge, Table, Text, UnstyledButton } from '@mantine/core';
import type { TActivityAccount, TActivityEngagement, TActivityOpd } from '@siar/shared';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sortRows, type TSortColumn } from '../utils/activity-sort';
import { ApprovalMinutes, LastPublished, TargetCell } from './activity-cells';
import { ActivityFlags } from './activity-flags';

interface TActivityTableProps {
  opds: TActivityOpd[];
  timezone: string;
  onOpenAccount: (account: TActivityAccount) => void;
}

const COLUMNS: { key: TSortColumn; label: 'opd' | 'published' | 'scheduledAhead' | 'failed' | 'lastPublished' | 'approval' }[] = [
  { key: 'name', label: 'opd' },
  { key: 'published', label: 'published' },
  { key: 'scheduledAhead', label: 'scheduledAhead' },
  { key: 'failed', label: 'failed' },
  { key: 'lastPublished', label: 'lastPublished' },
  { key: 'approval', label: 'approval' },
];

/** Likes · reposts · replies of the period's publications (latest collected numbers). */
function EngagementCell({ value = { likes: 0, reposts: 0, replies: 0 } }: { value?: TActivityEngagement | undefined }) {
  const { t } = useTranslation();
  return (
    <Text span size="sm" role="img" aria-label={t('activity.engagement', value)} title={t('activity.engagement', value)} data-testid="activity-engagement" style={{ whiteSpace: 'nowrap' }}>
      ♥ {value.likes} · ↻ {value.reposts} · 💬 {value.replies}
    </Text>
  );
}

function AccountRow({ account, timezone, onOpen }: { account: TActivityAccount; timezone: string; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid={`activity-account-${account.handle}`} bg="var(--mantine-color-gray-light)">
      <Table.Td pl="xl">
        <Anchor component="button" type="button" size="sm" onClick={onOpen} data-testid="activity-account-open">
          {account.platform} · @{account.handle}
        </Anchor>
      </Table.Td>
      <Table.Td>{account.published}</Table.Td>
      <Table.Td>{account.scheduledAhead}</Table.Td>
      <Table.Td c={account.failed > 0 ? 'red' : undefined}>{account.failed}</Table.Td>
      <Table.Td>
        <LastPublished at={account.lastPublishedAt} ageDays={account.lastPublishedAgeDays} timezone={timezone} />
      </Table.Td>
      <Table.Td>
        <ApprovalMinutes value={account.medianApprovalMinutes} />
      </Table.Td>
      <Table.Td>
        <EngagementCell value={account.engagement} />
      </Table.Td>
      <Table.Td>
        <Badge variant="dot" color={account.status === 'active' ? 'green' : account.status === 'needs_reconnect' ? 'orange' : 'gray'} size="sm">
          {t(`activity.accountStatus.${account.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <ActivityFlags flags={account.flags} />
      </Table.Td>
    </Table.Tr>
  );
}

/** One row per OPD (sortable by any count), its accounts unfolded beneath it on demand. */
export function ActivityTable({ opds, timezone, onOpenAccount }: TActivityTableProps) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<{ column: TSortColumn; descending: boolean }>({ column: 'name', descending: false });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const rows = sortRows(opds, sort.column, sort.descending);
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const onSort = (column: TSortColumn) => setSort((prev) => ({ column, descending: prev.column === column ? !prev.descending : column !== 'name' }));

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped={false} highlightOnHover verticalSpacing="xs" data-testid="activity-table">
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((c) => (
              <Table.Th key={c.key} aria-sort={sort.column === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <UnstyledButton onClick={() => onSort(c.key)} aria-label={t('activity.sortBy', { column: t(`activity.columns.${c.label}`) })} fw={600} fz="sm">
                  {t(`activity.columns.${c.label}`)} {sort.column === c.key ? (sort.descending ? '↓' : '↑') : ''}
                </UnstyledButton>
              </Table.Th>
            ))}
            <Table.Th>{t('activity.columns.engagement')}</Table.Th>
            <Table.Th>{t('activity.columns.target')}</Table.Th>
            <Table.Th>{t('activity.columns.flags')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((opd) => {
            const expanded = open.has(opd.id);
            return (
              <Fragment key={opd.id}>
                <Table.Tr data-testid={`activity-opd-${opd.code}`}>
                  <Table.Td>
                    <ActionIcon variant="subtle" size="sm" mr={4} onClick={() => toggle(opd.id)} aria-expanded={expanded} aria-label={t(expanded ? 'activity.collapse' : 'activity.expand', { name: opd.name })} data-testid="activity-opd-toggle">
                      {expanded ? '▾' : '▸'}
                    </ActionIcon>
                    <Text span size="sm" fw={500}>
                      {opd.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>{opd.published}</Table.Td>
                  <Table.Td>{opd.scheduledAhead}</Table.Td>
                  <Table.Td c={opd.failed > 0 ? 'red' : undefined}>{opd.failed}</Table.Td>
                  <Table.Td>
                    <LastPublished at={opd.lastPublishedAt} ageDays={opd.lastPublishedAgeDays} timezone={timezone} />
                  </Table.Td>
                  <Table.Td>
                    <ApprovalMinutes value={opd.medianApprovalMinutes} />
                  </Table.Td>
                  <Table.Td>
                    <EngagementCell value={opd.engagement} />
                  </Table.Td>
                  <Table.Td>
                    <TargetCell opd={opd} />
                  </Table.Td>
                  <Table.Td>
                    <ActivityFlags flags={opd.flags} />
                  </Table.Td>
                </Table.Tr>
                {expanded && sortRows(opd.accounts, sort.column, sort.descending).map((a) => <AccountRow key={a.id} account={a} timezone={timezone} onOpen={() => onOpenAccount(a)} />)}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
