import type { TPost } from '@siar/shared';
import { api } from '../../../lib/api-client';
import { usePostMutation } from './post-mutation';

/** Cancels every delivery not yet out; 409 while one is being published right now. */
export function cancelPost({ postId }: { postId: string }): Promise<TPost> {
  return api.post<TPost>(`/posts/${encodeURIComponent(postId)}/cancel`);
}

export function useCancelPost() {
  return usePostMutation(cancelPost);
}
