import type { Kysely } from 'kysely';

/** Bulk scheduling from a CSV: one batch per upload, one row per line, each linked to its post once created. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_batch')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('opd_id', 'text', (c) => c.references('opd.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('committed_by', 'text', (c) => c.references('user.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('valid_rows', 'integer', (c) => c.notNull())
    .addColumn('invalid_rows', 'integer', (c) => c.notNull())
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_posts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_batch_created_by_idx').on('import_batch').columns(['created_by', 'created_at']).execute();
  await db.schema.createIndex('import_batch_opd_idx').on('import_batch').columns(['opd_id', 'created_at']).execute();

  await db.schema
    .createTable('import_row')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('import_id', 'text', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('raw_accounts', 'text', (c) => c.notNull())
    .addColumn('raw_date', 'text', (c) => c.notNull())
    .addColumn('raw_time', 'text', (c) => c.notNull())
    .addColumn('raw_text', 'text', (c) => c.notNull())
    .addColumn('raw_media_url', 'text', (c) => c.notNull())
    .addColumn('handles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('account_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('scheduled_at', 'text')
    .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.references('post.id').onDelete('set null'))
    .addUniqueConstraint('import_row_number_uq', ['import_id', 'row_number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('import_row').execute();
  await db.schema.dropTable('import_batch').execute();
}
