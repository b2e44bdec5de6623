import type { Kysely } from 'kysely';

// Portable DDL only. The activity overview (issue #7) counts deliveries per account and period
// with GROUP BY / correlated counts; these covering indexes make each count a range scan of one
// account's rows of one status, so its cost follows the period, not the whole history.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Published in [from, to) and the last publication of one account.
  await db.schema.createIndex('delivery_account_status_published_idx').on('delivery').columns(['account_id', 'status', 'published_at']).execute();
  // Scheduled ahead and failures due in the period, of one account.
  await db.schema.createIndex('delivery_account_status_scheduled_idx').on('delivery').columns(['account_id', 'status', 'scheduled_at']).execute();
  // Per-OPD distinct posts per period and per week, across accounts.
  await db.schema.createIndex('delivery_status_published_idx').on('delivery').columns(['status', 'published_at', 'account_id', 'post_id']).execute();
  // First review per post: approval turnaround of decisions in the period.
  await db.schema.createIndex('review_created_idx').on('review').columns(['created_at', 'post_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('review_created_idx').execute();
  await db.schema.dropIndex('delivery_status_published_idx').execute();
  await db.schema.dropIndex('delivery_account_status_scheduled_idx').execute();
  await db.schema.dropIndex('delivery_account_status_published_idx').execute();
}
