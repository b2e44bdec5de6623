import type { Kysely } from 'kysely';

/**
 * A consent that covers several accounts (Facebook Login: Pages and their Instagram accounts)
 * waits here for the person to choose which to add: the accounts with their tokens, sealed and
 * bound to the row; single use, bound to the session, short-lived.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pending_connect')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('grant_name', 'text', (c) => c.notNull())
    .addColumn('session_hash', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('opd_id', 'text', (c) => c.notNull().references('opd.id').onDelete('cascade'))
    .addColumn('accounts', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('pending_connect_expires_at').on('pending_connect').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pending_connect').execute();
}
