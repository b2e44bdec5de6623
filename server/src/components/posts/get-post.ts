import { AppError, type TPost } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findAttemptsOfDeliveries, findDeliveriesOfPosts, findLatestMetrics, findPostById } from './posts.repository';
import { toPostDto } from './post-dto';
import { findLatestReviews } from '../approvals/reviews.repository';

/** A post outside the caller's scope answers 404, exactly like one that does not exist. */
export async function getPost(options: { db: TDatabase; auth: TAuth; id: string }): Promise<TPost> {
  const row = await findPostById(options.db, options.auth.opdIds, options.id);
  if (!row) throw new AppError('not_found');
  const deliveries = await findDeliveriesOfPosts(options.db, [row.id]);
  const attempts = await findAttemptsOfDeliveries(options.db, deliveries.map((d) => d.id));
  const metrics = await findLatestMetrics(options.db, deliveries.map((d) => d.id));
  return toPostDto(row, deliveries, options.auth.locale, attempts, await findLatestReviews(options.db, [row.id]), metrics);
}
