import type { TPost } from '@siar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { postKeys } from './post-keys';

/**
 * A post or delivery transition, answered with the whole post. The detail shows the answer at
 * once; lists and detail are refreshed either way, since a refusal (409: someone else acted,
 * the worker got there first) means what is on screen is out of date.
 */
export function usePostMutation<TVariables>(mutationFn: (variables: TVariables) => Promise<TPost>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (post) => queryClient.setQueryData(postKeys.detail(post.id), post),
    onSettled: async (post) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: postKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: post ? postKeys.detail(post.id) : postKeys.details() }),
        queryClient.invalidateQueries({ queryKey: postKeys.checks() }),
      ]);
    },
  });
}
