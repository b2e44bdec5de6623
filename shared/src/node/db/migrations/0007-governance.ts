import type { Kysely } from 'kysely';

// Portable DDL only. One-time password reset links (only the token's SHA-256 is stored), and the
// indexes the audit page filters by: each keeps "newest first" of one actor, OPD or action cheap.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('password_reset')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('password_reset_user_idx').on('password_reset').column('user_id').execute();

  await db.schema.createIndex('audit_event_at_idx').on('audit_event').column('at').execute();
  await db.schema.createIndex('audit_event_actor_idx').on('audit_event').columns(['actor_id', 'seq']).execute();
  await db.schema.createIndex('audit_event_opd_idx').on('audit_event').columns(['opd_id', 'seq']).execute();
  await db.schema.createIndex('audit_event_action_idx').on('audit_event').columns(['action', 'seq']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['audit_event_action_idx', 'audit_event_opd_idx', 'audit_event_actor_idx', 'audit_event_at_idx']) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.dropTable('password_reset').execute();
}
