import { Badge, Group, Pagination, Stack, Table, Text } from '@mantine/core';
import { formatInZone, type TImportRow } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { excerpt, pageOf } from '../utils/import-rows';
import { ImportRowErrors, ImportRowStatus } from './import-row-status';

interface TImportRowsTableProps {
  rows: TImportRow[];
  timezone: string;
}

/** The rows of a sheet, a page at a time: where, when, what, and what is wrong with each. */
export function ImportRowsTable({ rows, timezone }: TImportRowsTableProps) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const shown = pageOf(rows, page);
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="import-rows">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.table.row')}</Table.Th>
              <Table.Th>{t('imports.table.status')}</Table.Th>
              <Table.Th>{t('imports.table.accounts')}</Table.Th>
              <Table.Th>{t('imports.table.when')}</Table.Th>
              <Table.Th>{t('imports.table.text')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.items.map((row) => (
              <Table.Tr key={row.rowNumber} data-testid="import-row" data-row-number={row.rowNumber} data-status={row.status}>
                <Table.Td>{row.rowNumber}</Table.Td>
                <Table.Td>
                  <ImportRowStatus status={row.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{row.accounts.map((handle) => `@${handle}`).join(' ')}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{row.scheduledAt ? formatInZone(row.scheduledAt, timezone, 'dd/MM/yyyy HH:mm') : '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" title={row.text} style={{ overflowWrap: 'anywhere' }}>
                        {excerpt(row.text)}
                      </Text>
                      {row.mediaUrl && (
                        <Badge size="xs" variant="light" title={row.mediaUrl}>
                          {t('imports.table.media')}
                        </Badge>
                      )}
                    </Group>
                    <ImportRowErrors errors={row.errors} />
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {shown.pages > 1 && <Pagination total={shown.pages} value={Math.min(page, shown.pages)} onChange={setPage} size="sm" />}
    </Stack>
  );
}
