import { AppError, type TPost, type TPostListQuery } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findDeliveriesOfPosts, findLatestMetrics, findPostsPage } from './posts.repository';
import { toPostDto } from './post-dto';
import { findLatestReviews } from '../approvals/reviews.repository';

function decodeCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt))) throw new AppError('validation', { fieldErrors: [{ field: 'cursor', key: 'invalid' }] });
  return { createdAt, id };
}

export async function listPosts(options: { db: TDatabase; auth: TAuth; query: TPostListQuery }): Promise<{ items: TPost[]; nextCursor: string | null }> {
  const { db, auth, query } = options;
  const rows = await findPostsPage(db, auth.opdIds, query, decodeCursor(query.cursor));
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > query.limit && last ? Buffer.from(`${last.created_at}|${last.id}`).toString('base64url') : null;
  const deliveries = await findDeliveriesOfPosts(db, page.map((p) => p.id));
  const reviews = await findLatestReviews(db, page.map((p) => p.id));
  const metrics = await findLatestMetrics(db, deliveries.map((d) => d.id));
  return { items: page.map((p) => toPostDto(p, deliveries, auth.locale, undefined, reviews, metrics)), nextCursor };
}
