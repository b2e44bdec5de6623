import { chainAuditOutbox, type TDatabase } from '@siar/shared/node';
import { POST_COLUMNS } from '../posts/posts.repository';

/** The approval queue: pending posts, oldest first, keyset-paginated on (created_at, id) through the (status, created_at) index. */
export async function findPendingPostsPage(
  db: TDatabase,
  o: { opdId?: string | undefined; cursor?: { createdAt: string; id: string } | undefined; limit: number },
) {
  let query = db
    .selectFrom('post')
    .innerJoin('user', 'user.id', 'post.author_id')
    .select(POST_COLUMNS)
    .where('post.status', '=', 'pending_approval');
  if (o.opdId) query = query.where('post.opd_id', '=', o.opdId);
  const cursor = o.cursor;
  if (cursor)
    query = query.where((eb) =>
      eb.or([
        eb('post.created_at', '>', cursor.createdAt),
        eb.and([eb('post.created_at', '=', cursor.createdAt), eb('post.id', '>', cursor.id)]),
      ]),
    );
  return query
    .orderBy('post.created_at', 'asc')
    .orderBy('post.id', 'asc')
    .limit(o.limit + 1)
    .execute();
}

export async function countPendingPosts(db: TDatabase): Promise<number> {
  const row = await db
    .selectFrom('post')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending_approval')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findOpdRefs(db: TDatabase, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('opd').select(['id', 'name', 'code', 'requires_approval']).where('id', 'in', ids).execute();
}

export async function findPreviewAccounts(db: TDatabase, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('social_account').select(['id', 'opd_id', 'platform', 'handle', 'display_name']).where('id', 'in', ids).execute();
}

export async function findMediaRows(db: TDatabase, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('media').selectAll().where('id', 'in', ids).execute();
}

/** A post's own audit trail, in order (the (entity, entity_id) index). */
export async function findPostEvents(db: TDatabase, postId: string) {
  await chainAuditOutbox(db);
  return db
    .selectFrom('audit_event')
    .leftJoin('user', 'user.id', 'audit_event.actor_id')
    .select(['audit_event.seq', 'audit_event.at', 'audit_event.action', 'audit_event.details', 'user.name as actor_name'])
    .where('audit_event.entity', '=', 'post')
    .where('audit_event.entity_id', '=', postId)
    .orderBy('audit_event.seq')
    .limit(1000)
    .execute();
}
