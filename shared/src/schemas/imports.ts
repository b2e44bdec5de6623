import { z } from 'zod';
import { ZId } from './common';

/** Bulk scheduling from a spreadsheet (`POST /api/imports`, CSV as multipart field `file`). */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 2_000;
/** A preview not committed within this long must be uploaded again (its checks are stale). */
export const IMPORT_PREVIEW_TTL_MS = 24 * 3600_000;

/** The template's header; each column also answers to the aliases below (case-insensitive). */
export const IMPORT_COLUMNS = ['akun', 'tanggal', 'jam', 'teks', 'media_url'] as const;
export type TImportColumn = 'accounts' | 'date' | 'time' | 'text' | 'mediaUrl';
export const IMPORT_COLUMN_ALIASES: Readonly<Record<TImportColumn, readonly string[]>> = {
  accounts: ['akun', 'account', 'accounts'],
  date: ['tanggal', 'date'],
  time: ['jam', 'waktu', 'time'],
  text: ['teks', 'text'],
  mediaUrl: ['media_url', 'media'],
};

export const ZImportStatus = z.enum(['preview', 'committing', 'done', 'discarded']);
export type TImportStatus = z.infer<typeof ZImportStatus>;

/** valid/invalid at preview; a valid row becomes creating → created | failed when committed. */
export const ZImportRowStatus = z.enum(['valid', 'invalid', 'creating', 'created', 'failed']);
export type TImportRowStatus = z.infer<typeof ZImportRowStatus>;

/** `field` is one of TImportColumn, or `row` for what concerns the whole row. */
export const ZImportRowError = z.object({ field: z.string(), message: z.string() });
export type TImportRowError = z.infer<typeof ZImportRowError>;

export const ZImportRow = z.object({
  /** The row's line in the spreadsheet (the header is row 1). */
  rowNumber: z.number().int().positive(),
  /** Handles as written, without `@`. */
  accounts: z.array(z.string()),
  /** null when the date or time could not be read. */
  scheduledAt: z.string().nullable(),
  text: z.string(),
  mediaUrl: z.string().nullable(),
  status: ZImportRowStatus,
  errors: z.array(ZImportRowError),
  postId: z.string().nullable(),
});
export type TImportRow = z.infer<typeof ZImportRow>;

export const ZImportSummary = z.object({
  id: ZId,
  status: ZImportStatus,
  fileName: z.string(),
  createdBy: z.object({ id: ZId, name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** After this a preview can no longer be committed. */
  expiresAt: z.string(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  /** Commit progress: valid rows handled so far, of which posts created and rows failed. */
  processedRows: z.number().int(),
  createdPosts: z.number().int(),
  failedCount: z.number().int(),
});
export type TImportSummary = z.infer<typeof ZImportSummary>;

export const ZImportFailedRow = z.object({ rowNumber: z.number().int(), errors: z.array(ZImportRowError) });
export type TImportFailedRow = z.infer<typeof ZImportFailedRow>;

export const ZImport = ZImportSummary.extend({
  /** A commit whose run stopped (the server restarted): committing again resumes it. */
  resumable: z.boolean(),
  /** Rows that failed at commit, with their reasons. */
  failedRows: z.array(ZImportFailedRow),
  /** Every row in file order; left out when asked with `?rows=0` (progress polling). */
  rows: z.array(ZImportRow).optional(),
});
export type TImport = z.infer<typeof ZImport>;

export const ZImportQuery = z.object({ rows: z.enum(['0', '1']).default('1') });
export type TImportQuery = z.infer<typeof ZImportQuery>;

export const ZImportListQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TImportListQuery = z.infer<typeof ZImportListQuery>;
