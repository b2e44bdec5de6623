import { IMPORT_PREVIEW_TTL_MS, ZImportRowStatus, ZImportStatus, type TImport, type TImportRow, type TImportSummary, type TLocale } from '@siar/shared';
import type { ImportRowTable } from '@siar/shared/node';
import { translateRowErrors, type TStoredRowError } from './import-row-errors';
import type { TImportBatchRow } from './imports.repository';

const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

export function toImportSummary(row: TImportBatchRow): TImportSummary {
  return {
    id: row.id,
    status: ZImportStatus.parse(row.status),
    fileName: row.file_name,
    createdBy: { id: row.created_by, name: row.created_by_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: new Date(Date.parse(row.created_at) + IMPORT_PREVIEW_TTL_MS).toISOString(),
    totalRows: Number(row.total_rows),
    validRows: Number(row.valid_rows),
    invalidRows: Number(row.invalid_rows),
    processedRows: Number(row.processed_rows),
    createdPosts: Number(row.created_posts),
    failedCount: Number(row.failed_rows),
  };
}

export function toImportRowDto(row: ImportRowTable, locale: TLocale): TImportRow {
  return {
    rowNumber: Number(row.row_number),
    accounts: parseJson<string[]>(row.handles, []),
    scheduledAt: row.scheduled_at,
    text: row.raw_text.trim(),
    mediaUrl: row.raw_media_url.trim() || null,
    status: ZImportRowStatus.parse(row.status),
    errors: translateRowErrors(parseJson<TStoredRowError[]>(row.errors, []), locale),
    postId: row.post_id,
  };
}

/** `rows` undefined: the summary and the failures only (progress polling). */
export function toImportDto(o: { batch: TImportBatchRow; rows: ImportRowTable[] | undefined; failed: ImportRowTable[]; resumable: boolean; locale: TLocale }): TImport {
  return {
    ...toImportSummary(o.batch),
    resumable: o.resumable,
    failedRows: o.failed.map((r) => ({ rowNumber: Number(r.row_number), errors: translateRowErrors(parseJson<TStoredRowError[]>(r.errors, []), o.locale) })),
    ...(o.rows ? { rows: o.rows.map((r) => toImportRowDto(r, o.locale)) } : {}),
  };
}
