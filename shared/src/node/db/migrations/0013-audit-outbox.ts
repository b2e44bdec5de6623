import type { Kysely } from 'kysely';

// Portable DDL only. Audit events from the publishing hot path are written here, unchained, in
// the commit of the change they record; one appender at a time moves them onto the hash chain
// (audit_event) in batches, in (at, id) order. See shared/src/node/audit/audit-outbox.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('opd_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_outbox_at_idx').on('audit_outbox').columns(['at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_outbox').execute();
}
