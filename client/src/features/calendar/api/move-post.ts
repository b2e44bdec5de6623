import type { TCalendarResponse, TPost } from '@siar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { calendarKeys } from './calendar-keys';

export interface TMovePostVariables {
  postId: string;
  scheduledAt: string;
  /** The revision the calendar showed: if someone changed the post since, the server answers 409. */
  revision: number;
}

/** A drag and drop: the same PATCH as "Jadwalkan ulang", nothing else of the post changes. */
export function movePost({ postId, scheduledAt, revision }: TMovePostVariables): Promise<TPost> {
  return api.patch<TPost>(`/posts/${encodeURIComponent(postId)}`, { scheduledAt, revision });
}

/**
 * On success every cached range shows the post at its new time and revision at once (so a
 * second drag sends the right revision), then the ranges are fetched again either way: a refusal
 * means what is on screen is out of date.
 */
export function useMovePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: movePost,
    onSuccess: (post) => {
      queryClient.setQueriesData<TCalendarResponse>({ queryKey: calendarKeys.ranges() }, (data) =>
        data
          ? { items: data.items.map((item) => (item.id === post.id && post.scheduledAt ? { ...item, scheduledAt: post.scheduledAt, revision: post.revision, status: post.status } : item)) }
          : data,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
