import { type Kysely, sql } from 'kysely';

// Portable DDL only. A post is filed under one OPD but may go to accounts of others (Diskominfo
// posting for several agencies): `post_reach` names those other OPDs, so "in this OPD's scope"
// is two index lookups (post by OPD, post by reach) instead of a probe of every post's
// deliveries. An account never changes OPD and a post's accounts are fixed at creation, so
// the rows are written once, with the post, and never change.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('post_reach')
    .addColumn('opd_id', 'text', (c) => c.notNull().references('opd.id'))
    .addColumn('post_id', 'text', (c) => c.notNull().references('post.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('post_reach_pk', ['opd_id', 'post_id'])
    .execute();
  // The posts that already go to another OPD's accounts.
  await sql`
    insert into post_reach (opd_id, post_id)
    select distinct social_account.opd_id, delivery.post_id
    from delivery
    join social_account on social_account.id = delivery.account_id
    join post on post.id = delivery.post_id
    where social_account.opd_id <> post.opd_id
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('post_reach').execute();
}
