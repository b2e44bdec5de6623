import { type Kysely, sql } from 'kysely';

/**
 * Weekly posting times per account ("Tambah ke antrean" takes the next free one): an ISO
 * weekday (1 = Monday) and a wall-clock "HH:mm" in the account's zone (Asia/Jakarta for now).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('queue_slot')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('social_account.id').onDelete('cascade'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('queue_slot_account_weekday_time_uq', ['account_id', 'weekday', 'time'])
    .addCheckConstraint('queue_slot_weekday_ck', sql`weekday between 1 and 7`)
    .execute();
  // Picking a slot reads one account's deliveries over the next weeks; the existing
  // (account_id, published_at) index does not bound that by time.
  await db.schema.createIndex('delivery_account_scheduled_idx').on('delivery').columns(['account_id', 'scheduled_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('delivery_account_scheduled_idx').execute();
  await db.schema.dropTable('queue_slot').execute();
}
