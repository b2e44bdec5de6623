import type { TPostReview } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';

/** The latest decision on each of the posts (for the post DTO), by post id. */
export async function findLatestReviews(db: TDatabase, postIds: string[]): Promise<Map<string, TPostReview>> {
  const out = new Map<string, TPostReview>();
  if (postIds.length === 0) return out;
  const rows = await db
    .selectFrom('review')
    .innerJoin('user', 'user.id', 'review.reviewer_id')
    .select(['review.post_id', 'review.decision', 'review.comment', 'review.created_at', 'user.name'])
    .where('review.post_id', 'in', postIds)
    .orderBy('review.created_at', 'desc')
    .orderBy('review.id', 'desc')
    .execute();
  for (const r of rows) {
    if (!out.has(r.post_id)) out.set(r.post_id, { decision: r.decision, comment: r.comment, reviewerName: r.name, at: r.created_at });
  }
  return out;
}
