import { randomUUID } from 'node:crypto';
import type { TImport } from '@siar/shared';
import type { ImportBatchTable, ImportRowTable, TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findAccounts } from '../accounts/accounts.repository';
import { decodeCsv } from './decode-csv';
import { toImportDto } from './import-dto';
import { findImport, insertImport } from './imports.repository';
import { parseImportCsv } from './parse-import-csv';
import type { TReceivedCsv } from './receive-csv';
import { validateImportRows, type TValidatedRow } from './validate-import-rows';

/** The one OPD every matched account belongs to (its operators may then open the import), else none. */
function opdOf(rows: TValidatedRow[], auth: TAuth): string | null {
  const opds = new Set(rows.flatMap((r) => r.accounts.map((a) => a.opd_id)));
  if (opds.size === 1) return [...opds][0]!;
  return opds.size === 0 && auth.opdIds?.length === 1 ? auth.opdIds[0]! : null;
}

/**
 * Reads and checks an uploaded sheet and stores it as a preview: nothing is scheduled until
 * it is committed. A file that cannot be read as a whole is refused and nothing is stored.
 */
export async function createImport(o: { db: TDatabase; auth: TAuth; file: TReceivedCsv; allowPrivateMediaHosts: boolean; now?: Date }): Promise<TImport> {
  const { db, auth } = o;
  const now = o.now ?? new Date();
  const records = parseImportCsv(decodeCsv(o.file.bytes), auth.locale);
  const accounts = await findAccounts(db, auth.opdIds);
  const validated = validateImportRows({ auth, records, accounts, now, allowPrivateMediaHosts: o.allowPrivateMediaHosts });

  const iso = now.toISOString();
  const id = randomUUID();
  const valid = validated.filter((r) => r.errors.length === 0).length;
  const batch: ImportBatchTable = {
    id,
    opd_id: opdOf(validated, auth),
    created_by: auth.userId,
    committed_by: null,
    status: 'preview',
    file_name: o.file.fileName,
    total_rows: validated.length,
    valid_rows: valid,
    invalid_rows: validated.length - valid,
    processed_rows: 0,
    created_posts: 0,
    failed_rows: 0,
    created_at: iso,
    updated_at: iso,
  };
  const rows: ImportRowTable[] = validated.map((r) => ({
    id: randomUUID(),
    import_id: id,
    row_number: r.record.rowNumber,
    raw_accounts: r.record.accounts,
    raw_date: r.record.date,
    raw_time: r.record.time,
    raw_text: r.record.text,
    raw_media_url: r.record.mediaUrl,
    handles: JSON.stringify(r.handles),
    account_ids: JSON.stringify([...new Set(r.accounts.map((a) => a.id))]),
    scheduled_at: r.scheduledAt,
    errors: JSON.stringify(r.errors),
    status: r.errors.length ? 'invalid' : 'valid',
    post_id: null,
  }));
  await insertImport(db, batch, rows);
  const stored = await findImport(db, { userId: auth.userId, opdIds: auth.opdIds }, id);
  return toImportDto({ batch: stored!, rows, failed: [], resumable: false, locale: auth.locale });
}
