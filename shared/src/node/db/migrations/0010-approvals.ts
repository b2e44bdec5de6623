import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { normalizeWatchText } from '../../../platforms/watch-words';

/**
 * A starter list of SARA- and hoax-related terms (whole words, case-insensitive): Diskominfo
 * reviews and edits it on the approvals page. A post containing one always needs approval.
 */
export const STARTER_WATCH_WORDS = [
  'kafir',
  'antek asing',
  'aseng',
  'pki',
  'komunis',
  'hoaks',
  'hoax',
  'berita bohong',
  'fitnah',
  'penistaan',
  'pribumi',
  'adu domba',
  'provokasi',
  'rusuh',
  'makar',
];

interface TSeedTables {
  watch_word: { id: string; word: string; normalized: string; created_by: string | null; created_at: string };
}

// Portable DDL only. Watch-words, in-app notifications (with their e-mail outbox state), the
// address a person's notifications are e-mailed to, and the two indexes the approval queue and
// the expiry sweep read through: each costs what is pending or due, not the history.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('watch_word')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('normalized', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('opd_id', 'text')
    .addColumn('post_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('email_state', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('emailed_at', 'text')
    .execute();
  await db.schema.createIndex('notification_user_idx').on('notification').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('notification_unread_idx').on('notification').columns(['user_id', 'read_at']).execute();
  await db.schema.createIndex('notification_email_idx').on('notification').columns(['email_state', 'created_at']).execute();

  await db.schema.alterTable('user').addColumn('email', 'text').execute();
  await db.schema.createIndex('post_status_scheduled_idx').on('post').columns(['status', 'scheduled_at']).execute();
  await db.schema.createIndex('post_status_created_idx').on('post').columns(['status', 'created_at']).execute();

  const now = new Date().toISOString();
  await (db as unknown as Kysely<TSeedTables>)
    .insertInto('watch_word')
    .values(
      STARTER_WATCH_WORDS.map((word) => ({
        id: randomUUID(),
        word,
        normalized: normalizeWatchText(word),
        created_by: null,
        created_at: now,
      })),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('post_status_created_idx').execute();
  await db.schema.dropIndex('post_status_scheduled_idx').execute();
  await db.schema.alterTable('user').dropColumn('email').execute();
  await db.schema.dropTable('notification').execute();
  await db.schema.dropTable('watch_word').execute();
}
