import { Card, Group, Stack, Text } from '@mantine/core';
import { formatInZone, type TPost } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { DeliveryItem } from './delivery-item';
import { PostActions } from './post-actions';
import { PostHistory } from './post-history';
import { PostReviewNote } from './post-review-note';
import { PostStatusBadge } from './status-badges';

interface TPostCardProps {
  post: TPost;
  timezone: string;
}

export function PostCard({ post, timezone }: TPostCardProps) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" component="article" data-testid="post-item" data-post-id={post.id} data-status={post.status}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <PostStatusBadge status={post.status} />
          <Text size="sm" c="dimmed" data-testid="post-scheduled-at">
            {post.scheduledAt ? t('posts.scheduledAt', { time: formatInZone(post.scheduledAt, timezone) }) : t('posts.notScheduled')}
          </Text>
        </Group>
        <PostReviewNote post={post} timezone={timezone} />
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="post-item-text">
          {post.text}
        </Text>
        <Text size="xs" c="dimmed">
          {t('posts.author', { name: post.authorName })}
        </Text>
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">
          {t('posts.deliveries')}
        </Text>
        {post.deliveries.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('posts.noDeliveries')}
          </Text>
        ) : (
          <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
            {post.deliveries.map((delivery) => (
              <DeliveryItem key={delivery.id} postId={post.id} postStatus={post.status} delivery={delivery} timezone={timezone} />
            ))}
          </Stack>
        )}
        <PostActions post={post} timezone={timezone} />
        <PostHistory postId={post.id} timezone={timezone} />
      </Stack>
    </Card>
  );
}
