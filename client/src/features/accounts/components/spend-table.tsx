import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../lib/format-money';
import type { TSpendRow } from '../api/get-month-spend';

/** One row per OPD and platform; a total when there is more than one row in one currency. */
export function SpendTable({ rows, monthLabel }: { rows: TSpendRow[]; monthLabel: string }) {
  const { t, i18n } = useTranslation();
  const money = (amount: number, currency: string) => formatMoney(amount, currency, i18n.language);
  const currencies = new Set(rows.map((row) => row.currency));
  const [currency] = currencies;
  const showTotal = rows.length > 1 && currencies.size === 1 && currency !== undefined;

  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing="xs" data-testid="spend-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('spend.opd')}</Table.Th>
            <Table.Th w={90}>{t('spend.platform')}</Table.Th>
            <Table.Th w={130} ta="right">
              {t('spend.posts')}
            </Table.Th>
            <Table.Th w={150} ta="right">
              {t('spend.amount')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4} c="dimmed" data-testid="spend-empty">
                {t('spend.empty', { month: monthLabel })}
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((row) => (
            <Table.Tr key={`${row.opdId}-${row.platform}`} data-testid="spend-row" data-opd={row.opdId} data-platform={row.platform}>
              <Table.Td>{row.opdName}</Table.Td>
              <Table.Td>{t(`platformName.${row.platform}`)}</Table.Td>
              <Table.Td ta="right">{row.posts.toLocaleString(i18n.language)}</Table.Td>
              <Table.Td ta="right" data-amount={row.amount}>
                {money(row.amount, row.currency)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        {showTotal && (
          <Table.Tfoot>
            <Table.Tr fw={600}>
              <Table.Td colSpan={2}>{t('spend.total')}</Table.Td>
              <Table.Td ta="right">{rows.reduce((sum, row) => sum + row.posts, 0).toLocaleString(i18n.language)}</Table.Td>
              <Table.Td ta="right" data-testid="spend-total">
                {money(Math.round(rows.reduce((sum, row) => sum + row.amount, 0) * 1000) / 1000, currency)}
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
