import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { usePosts } from '../api/get-posts';
import { PostCard } from './post-card';

interface TPostListProps {
  timezone: string;
}

export function PostList({ timezone }: TPostListProps) {
  const { t } = useTranslation();
  const postsQuery = usePosts();

  if (!postsQuery.data) {
    if (postsQuery.isError) return <ErrorAlert error={postsQuery.error} />;
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }

  // A post created between two page loads can shift a page boundary: show each post once.
  const posts = [...new Map(postsQuery.data.pages.flatMap((page) => page.items).map((post) => [post.id, post])).values()];
  return (
    <Stack gap="sm" data-testid="post-list">
      {/* A failed refresh or next page keeps what is shown and says why. */}
      {postsQuery.isError && <ErrorAlert error={postsQuery.error} />}
      {posts.length === 0 && (
        <Text c="dimmed" data-testid="post-list-empty">
          {t('posts.empty')}
        </Text>
      )}
      {posts.map((post) => (
        <PostCard key={post.id} post={post} timezone={timezone} />
      ))}
      {postsQuery.hasNextPage && (
        <Button
          variant="default"
          onClick={() => void postsQuery.fetchNextPage()}
          loading={postsQuery.isFetchingNextPage}
          data-testid="posts-load-more"
        >
          {t('posts.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
