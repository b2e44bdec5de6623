import type { Kysely } from 'kysely';

/**
 * Threads: a post's parts after the first (JSON array of texts), and each delivery's parts as
 * they are published, so a crash mid-thread resumes at the next part and never posts one twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('post').addColumn('thread_parts', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema
    .createTable('delivery_part')
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('delivery.id').onDelete('cascade'))
    .addColumn('part_index', 'integer', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('external_url', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('delivery_part_pk', ['delivery_id', 'part_index'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('delivery_part').execute();
  await db.schema.alterTable('post').dropColumn('thread_parts').execute();
}
