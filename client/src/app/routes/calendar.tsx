import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ui/error-alert';
import { useAccounts } from '../../features/accounts/api/get-accounts';
import { useCurrentUser } from '../../features/auth/api/get-me';
import { preloadCalendarOnPageLoad } from '../../features/calendar/api/preload-calendar';
import type { TRenderPostDetail } from '../../features/calendar/components/calendar-post-drawer';
import { PostCalendar } from '../../features/calendar/components/post-calendar';
import { usePost } from '../../features/posts/api/get-post';
import { postKeys } from '../../features/posts/api/post-keys';
import { PostCard } from '../../features/posts/components/post-card';

// This module loads with the route: on a page load of /calendar, the posts of the first view are
// asked for now, while the signed-in user is still on the way.
preloadCalendarOnPageLoad(window.location, window.matchMedia.bind(window));

/** The posts feature's card for one post, telling the calendar when the post changes (an action in the card, the worker). */
function CalendarPostDetail({ postId, timezone, onChanged }: { postId: string; timezone: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const postQuery = usePost(postId, { staleTime: 0 });
  const post = postQuery.data;
  const version = post ? `${post.revision}|${post.status}|${post.deliveries.map((d) => d.status).join(',')}` : undefined;
  const seen = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (version === undefined) return;
    if (seen.current !== undefined && seen.current !== version) onChanged();
    seen.current = version;
  }, [version, onChanged]);

  if (postQuery.isError && !post) return <ErrorAlert error={postQuery.error} />;
  if (!post) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  return <PostCard post={post} timezone={timezone} />;
}

export function CalendarRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const accountsQuery = useAccounts();
  const queryClient = useQueryClient();
  const accounts = useMemo(() => (accountsQuery.data ?? []).map(({ id, opdId, handle, platform }) => ({ id, opdId, handle, platform })), [accountsQuery.data]);
  const renderPostDetail = useCallback<TRenderPostDetail>((postId, { onChanged }) => <CalendarPostDetail postId={postId} timezone={me.timezone} onChanged={onChanged} />, [me.timezone]);
  const onPostMoved = useCallback(() => void queryClient.invalidateQueries({ queryKey: postKeys.all }), [queryClient]);

  return (
    <>
      <title>{`${t('calendar.title')} · ${t('app.name')}`}</title>
      <PostCalendar timezone={me.timezone} opds={me.opds} accounts={accounts} renderPostDetail={renderPostDetail} onPostMoved={onPostMoved} />
    </>
  );
}
