import { Alert, Text } from '@mantine/core';
import { formatInZone, type TPost } from '@siar/shared';
import { useTranslation } from 'react-i18next';

/**
 * The approval state in words: waiting, expired unapproved, or the latest decision (a
 * rejection's comment, for the author to fix the post).
 */
export function PostReviewNote({ post, timezone }: { post: TPost; timezone: string }) {
  const { t } = useTranslation();
  const review = post.review;
  if (post.status === 'expired') {
    return (
      <Alert color="dark" variant="light" p="xs" data-testid="post-expired-note">
        {t('approvals.post.expired')}
      </Alert>
    );
  }
  const rejected = review?.decision === 'rejected' && (post.status === 'draft' || post.status === 'pending_approval');
  return (
    <>
      {post.status === 'pending_approval' && (
        <Alert color="yellow" variant="light" p="xs" data-testid="post-pending-note">
          {t('approvals.post.pending')}
        </Alert>
      )}
      {rejected && review && (
        <Alert
          color="red"
          variant="light"
          p="xs"
          title={t('approvals.post.rejectedBy', { name: review.reviewerName, time: formatInZone(review.at, timezone) })}
          data-testid="post-rejection"
        >
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="post-rejection-comment">
            {review.comment}
          </Text>
        </Alert>
      )}
      {review?.decision === 'approved' && post.status !== 'draft' && post.status !== 'pending_approval' && (
        <Text size="xs" c="dimmed" data-testid="post-approved-by">
          {t('approvals.post.approvedBy', { name: review.reviewerName, time: formatInZone(review.at, timezone) })}
        </Text>
      )}
    </>
  );
}
