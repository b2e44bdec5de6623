import type { TCreatePostRequest, TPost } from '@siar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { postKeys } from './post-keys';

export function createPost(body: TCreatePostRequest): Promise<TPost> {
  return api.post<TPost>('/posts', body);
}

export function useCreatePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPost,
    onSuccess: async (post) => {
      queryClient.setQueryData(postKeys.detail(post.id), post);
      // A new post changes what other posts are "similar content" to.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: postKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: postKeys.checks() }),
      ]);
    },
  });
}
