import type { Kysely } from 'kysely';

/** Alt text for screen readers (sent to platforms that take it) and where an image's thumbnail lies. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
  await db.schema.alterTable('media').addColumn('alt_text', 'text').execute();
  await db.schema.alterTable('media').addColumn('thumbnail_path', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('media').dropColumn('thumbnail_path').execute();
  await db.schema.alterTable('media').dropColumn('alt_text').execute();
}
