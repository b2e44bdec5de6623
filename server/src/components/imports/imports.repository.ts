import type { ExpressionBuilder } from 'kysely';
import type { DB, ImportBatchTable, ImportRowTable, TDatabase } from '@siar/shared/node';

/** Who sees an import: its author, the operators of its one OPD, and every supervisor and admin. */
export interface TImportScope {
  userId: string;
  opdIds: string[] | null;
}

function inScope(scope: TImportScope) {
  return (eb: ExpressionBuilder<DB, 'import_batch'>) => {
    if (scope.opdIds === null) return eb.lit(true);
    const mine = eb('import_batch.created_by', '=', scope.userId);
    return scope.opdIds.length ? eb.or([mine, eb('import_batch.opd_id', 'in', scope.opdIds)]) : mine;
  };
}

const BATCH_COLUMNS = [
  'import_batch.id',
  'import_batch.opd_id',
  'import_batch.created_by',
  'user.name as created_by_name',
  'import_batch.committed_by',
  'import_batch.status',
  'import_batch.file_name',
  'import_batch.total_rows',
  'import_batch.valid_rows',
  'import_batch.invalid_rows',
  'import_batch.processed_rows',
  'import_batch.created_posts',
  'import_batch.failed_rows',
  'import_batch.created_at',
  'import_batch.updated_at',
] as const;

/** Portable bound on bind parameters per statement (15 columns a row). */
const INSERT_CHUNK = 200;

/** The batch and all its rows, or nothing. */
export async function insertImport(db: TDatabase, batch: ImportBatchTable, rows: ImportRowTable[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('import_batch').values(batch).execute();
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx.insertInto('import_row').values(rows.slice(i, i + INSERT_CHUNK)).execute();
  });
}

export async function findImport(db: TDatabase, scope: TImportScope, id: string) {
  return db.selectFrom('import_batch').innerJoin('user', 'user.id', 'import_batch.created_by').select(BATCH_COLUMNS).where('import_batch.id', '=', id).where(inScope(scope)).executeTakeFirst();
}
export type TImportBatchRow = NonNullable<Awaited<ReturnType<typeof findImport>>>;

/** Newest first, keyset-paginated on (created_at, id). */
export async function findImportsPage(db: TDatabase, scope: TImportScope, cursor: { createdAt: string; id: string } | undefined, limit: number) {
  let query = db.selectFrom('import_batch').innerJoin('user', 'user.id', 'import_batch.created_by').select(BATCH_COLUMNS).where(inScope(scope));
  if (cursor) {
    query = query.where((eb) => eb.or([eb('import_batch.created_at', '<', cursor.createdAt), eb.and([eb('import_batch.created_at', '=', cursor.createdAt), eb('import_batch.id', '<', cursor.id)])]));
  }
  return query.orderBy('import_batch.created_at', 'desc').orderBy('import_batch.id', 'desc').limit(limit + 1).execute();
}

export async function findImportRows(db: TDatabase, importId: string, options: { status?: string } = {}) {
  let query = db.selectFrom('import_row').selectAll().where('import_id', '=', importId);
  if (options.status) query = query.where('status', '=', options.status);
  return query.orderBy('row_number').execute();
}

/** preview → committing, for exactly one of any number of simultaneous commits. */
export async function startCommit(db: TDatabase, id: string, userId: string, now: string): Promise<boolean> {
  const result = await db.updateTable('import_batch').set({ status: 'committing', committed_by: userId, updated_at: now }).where('id', '=', id).where('status', '=', 'preview').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A run whose heartbeat stopped (its process died): exactly one caller takes it over. */
export async function takeOverStaleRun(db: TDatabase, id: string, seenUpdatedAt: string, now: string): Promise<boolean> {
  const result = await db.updateTable('import_batch').set({ updated_at: now }).where('id', '=', id).where('status', '=', 'committing').where('updated_at', '=', seenUpdatedAt).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function touchImport(db: TDatabase, id: string, now: string): Promise<void> {
  await db.updateTable('import_batch').set({ updated_at: now }).where('id', '=', id).where('status', '=', 'committing').execute();
}

export async function setImportStatus(db: TDatabase, id: string, from: string, to: string, now: string): Promise<boolean> {
  const result = await db.updateTable('import_batch').set({ status: to, updated_at: now }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The next rows still to turn into posts, in file order. */
export async function findPendingRows(db: TDatabase, importId: string, limit: number) {
  return db.selectFrom('import_row').selectAll().where('import_id', '=', importId).where('status', 'in', ['valid', 'creating']).where('post_id', 'is', null).orderBy('row_number').limit(limit).execute();
}

/** valid → creating, before its post is created: a row found in `creating` may already have one. */
export async function claimRow(db: TDatabase, rowId: string): Promise<boolean> {
  const result = await db.updateTable('import_row').set({ status: 'creating' }).where('id', '=', rowId).where('status', '=', 'valid').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markRowCreated(db: TDatabase, o: { importId: string; rowId: string; postId: string; now: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('import_row').set({ status: 'created', post_id: o.postId }).where('id', '=', o.rowId).where('status', '=', 'creating').executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return;
    await trx
      .updateTable('import_batch')
      .set((eb) => ({ processed_rows: eb('processed_rows', '+', 1), created_posts: eb('created_posts', '+', 1), updated_at: o.now }))
      .where('id', '=', o.importId)
      .execute();
  });
}

export async function markRowFailed(db: TDatabase, o: { importId: string; rowId: string; errors: string; now: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('import_row').set({ status: 'failed', errors: o.errors }).where('id', '=', o.rowId).where('status', '=', 'creating').executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return;
    await trx
      .updateTable('import_batch')
      .set((eb) => ({ processed_rows: eb('processed_rows', '+', 1), failed_rows: eb('failed_rows', '+', 1), updated_at: o.now }))
      .where('id', '=', o.importId)
      .execute();
  });
}

/**
 * The post an interrupted run created for a row before it could record it: same author (who
 * started the commit, or who resumes it), same text, created since the import was uploaded,
 * and not already another row's.
 */
export async function findUnrecordedPost(db: TDatabase, o: { importId: string; authorIds: string[]; text: string; since: string }): Promise<string | undefined> {
  const row = await db
    .selectFrom('post')
    .select('post.id')
    .where('post.author_id', 'in', o.authorIds)
    .where('post.text', '=', o.text)
    .where('post.created_at', '>=', o.since)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('import_row').select('import_row.id').whereRef('import_row.post_id', '=', 'post.id').where('import_row.import_id', '=', o.importId))))
    .orderBy('post.created_at')
    .executeTakeFirst();
  return row?.id;
}
