import type { TPost } from '@siar/shared';
import { api } from '../../../lib/api-client';
import { usePostMutation } from './post-mutation';

/** Moves a draft, scheduled, or failed-but-not-sent post's time to now. */
export function publishPostNow({ postId }: { postId: string }): Promise<TPost> {
  return api.post<TPost>(`/posts/${encodeURIComponent(postId)}/publish-now`);
}

export function usePublishPostNow() {
  return usePostMutation(publishPostNow);
}
