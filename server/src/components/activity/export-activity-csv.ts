import { formatInZone, platformName, type TActivityResponse, utcToZonedWallTime } from '@siar/shared';
import { csvCell } from '../audit/export-audit-csv';

/** Indonesian headers (the report's audience); the values are the JSON overview's, one row per account. */
export const ACTIVITY_CSV_HEADER = [
  'Kode OPD',
  'Nama OPD',
  'Platform',
  'Akun',
  'Nama akun',
  'Status akun',
  'Terbit',
  'Terjadwal ke depan',
  'Gagal/tidak terkonfirmasi',
  'Terakhir terbit (UTC)',
  'Terakhir terbit (WIB)',
  'Umur terbit terakhir (hari)',
  'Median persetujuan (menit)',
  'Target mingguan',
  'Target tercapai',
  'Tidak aktif',
  'Gagal berulang',
  'Perlu dihubungkan ulang',
];

const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'ya' : 'tidak');
/** In the headers' language, like the ya/tidak columns. */
const ACCOUNT_STATUS: Record<string, string> = { active: 'aktif', needs_reconnect: 'perlu dihubungkan ulang', disabled: 'nonaktif' };

/** `siar-aktivitas-2026-11-01_2026-11-30.csv`: the period's first and last day on the reader's wall clock. */
export function activityCsvFileName(overview: Pick<TActivityResponse, 'from' | 'to'>, timeZone: string): string {
  const day = (instant: number) => utcToZonedWallTime(new Date(instant), timeZone).date;
  return `siar-aktivitas-${day(Date.parse(overview.from))}_${day(Date.parse(overview.to) - 1)}.csv`;
}

/** The overview as CSV text (UTF-8 with BOM, CRLF): formulas defused by `csvCell`. */
export function activityCsv(overview: TActivityResponse, timeZone: string): string {
  const lines = [`\uFEFF${ACTIVITY_CSV_HEADER.join(',')}`];
  for (const opd of overview.opds) {
    for (const a of opd.accounts) {
      const cells = [
        opd.code,
        opd.name,
        platformName(a.platform),
        a.handle,
        a.displayName,
        ACCOUNT_STATUS[a.status] ?? a.status,
        a.published,
        a.scheduledAhead,
        a.failed,
        a.lastPublishedAt ?? '',
        a.lastPublishedAt ? formatInZone(a.lastPublishedAt, timeZone, 'yyyy-MM-dd HH:mm') : '',
        a.lastPublishedAgeDays ?? '',
        a.medianApprovalMinutes ?? '',
        opd.weeklyTarget,
        yesNo(opd.targetMet),
        yesNo(a.flags.inactive),
        yesNo(a.flags.repeatedFailures),
        yesNo(a.flags.needsReconnect),
      ];
      lines.push(cells.map(csvCell).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
