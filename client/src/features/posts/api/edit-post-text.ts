import type { TPost } from '@siar/shared';
import { api } from '../../../lib/api-client';
import { usePostMutation } from './post-mutation';

interface TEditPostTextVariables {
  postId: string;
  text: string;
  /** The revision on screen: if someone changed the post since, the server answers 409 conflict. */
  revision: number;
}

/** "Ubah teks": a new main text for a post not yet out (its per-account variants stay as they are). */
export function editPostText({ postId, text, revision }: TEditPostTextVariables): Promise<TPost> {
  return api.patch<TPost>(`/posts/${encodeURIComponent(postId)}`, { text, revision });
}

export function useEditPostText() {
  return usePostMutation(editPostText);
}
