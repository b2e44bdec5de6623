import { AppError, findWatchWords, type TApprovalItem, type TApprovalListQuery, type TApprovalReason } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { toMediaDto } from '../media/media-dto';
import { toPostDto } from '../posts/post-dto';
import { findDeliveriesOfPosts } from '../posts/posts.repository';
import { findWatchWordTexts } from '../watch-words/watch-words.repository';
import { canReview, textsOfPost } from './approval-policy';
import { findMediaRows, findOpdRefs, findPendingPostsPage, findPreviewAccounts } from './approvals.repository';
import { findLatestReviews } from './reviews.repository';

function decodeCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)))
    throw new AppError('validation', { fieldErrors: [{ field: 'cursor', key: 'invalid' }] });
  return { createdAt, id };
}

/**
 * `GET /api/approvals`: the posts waiting for a decision, oldest first, each with what a
 * reviewer needs to preview it per platform and why it waits (its OPDs' policy as it is now,
 * the watch-words its texts contain now).
 */
export async function listApprovals(o: {
  db: TDatabase;
  auth: TAuth;
  query: TApprovalListQuery;
}): Promise<{ items: TApprovalItem[]; nextCursor: string | null }> {
  const { db, auth, query } = o;
  if (!canReview(auth)) throw new AppError('forbidden');
  const rows = await findPendingPostsPage(db, { opdId: query.opdId, cursor: decodeCursor(query.cursor), limit: query.limit });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > query.limit && last ? Buffer.from(`${last.created_at}|${last.id}`).toString('base64url') : null;
  const ids = page.map((p) => p.id);
  const [deliveries, reviews, words] = [
    await findDeliveriesOfPosts(db, ids),
    await findLatestReviews(db, ids),
    await findWatchWordTexts(db),
  ];
  const posts = page.map((row) => toPostDto(row, deliveries, auth.locale, undefined, reviews));
  const accounts = new Map((await findPreviewAccounts(db, [...new Set(deliveries.map((d) => d.account_id))])).map((a) => [a.id, a]));
  const opds = new Map(
    (await findOpdRefs(db, [...new Set([...page.map((p) => p.opd_id), ...[...accounts.values()].map((a) => a.opd_id)])])).map((r) => [
      r.id,
      r,
    ]),
  );
  const media = new Map((await findMediaRows(db, [...new Set(posts.flatMap((p) => p.mediaIds))])).map((m) => [m.id, toMediaDto(m)]));
  const items = posts.map((post): TApprovalItem => {
    const live = post.deliveries.filter((d) => d.status !== 'cancelled');
    const postAccounts = live.flatMap((d) => accounts.get(d.accountId) ?? []);
    const opd = opds.get(post.opdId);
    const watchWords = findWatchWords(
      textsOfPost({ text: post.text, variants: live.flatMap((d) => d.variantText ?? []), threadParts: post.threadParts }),
      words,
    );
    const byPolicy = [post.opdId, ...postAccounts.map((a) => a.opd_id)].some((id) => opds.get(id)?.requires_approval === 1);
    const reasons: TApprovalReason[] = [
      ...(byPolicy ? (['opd_policy'] as const) : []),
      ...(watchWords.length ? (['watch_words'] as const) : []),
    ];
    return {
      post,
      opd: { id: post.opdId, name: opd?.name ?? '', code: opd?.code ?? '' },
      accounts: postAccounts.map((a) => ({ id: a.id, platform: a.platform, handle: a.handle, displayName: a.display_name })),
      media: post.mediaIds.flatMap((id) => media.get(id) ?? []),
      needs: { reasons, watchWords },
    };
  });
  return { items, nextCursor };
}
