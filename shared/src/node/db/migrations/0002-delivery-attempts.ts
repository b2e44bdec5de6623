import type { Kysely } from 'kysely';

/** Every publish attempt on record: what was tried, when, and what the platform said. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('delivery_attempt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('delivery.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('error_kind', 'text')
    .addColumn('http_status', 'integer')
    .addColumn('excerpt', 'text')
    .execute();
  await db.schema.createIndex('delivery_attempt_delivery_idx').on('delivery_attempt').columns(['delivery_id', 'started_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('delivery_attempt').execute();
}
