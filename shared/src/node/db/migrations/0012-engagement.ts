import type { Kysely } from 'kysely';

// Portable DDL only. Engagement history (issue #7, item 4): public metrics of a published
// delivery at spaced points after publishing. One row per (delivery, point): the primary key
// makes a point collected at most once, however many workers run the collector.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('metric_snapshot')
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('delivery.id').onDelete('cascade'))
    .addColumn('point', 'text', (c) => c.notNull())
    .addColumn('collected_at', 'text', (c) => c.notNull())
    .addColumn('likes', 'integer', (c) => c.notNull())
    .addColumn('reposts', 'integer', (c) => c.notNull())
    .addColumn('replies', 'integer', (c) => c.notNull())
    .addColumn('impressions', 'integer')
    .addPrimaryKeyConstraint('metric_snapshot_pk', ['delivery_id', 'point'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('metric_snapshot').execute();
}
