import type { TPost } from '@siar/shared';
import { api } from '../../../lib/api-client';
import { usePostMutation } from './post-mutation';

interface TReschedulePostVariables {
  postId: string;
  scheduledAt: string;
  /** The revision on screen: if someone changed the post since, the server answers 409 conflict. */
  revision: number;
}

/** "Jadwalkan ulang": moves a draft, scheduled, or failed-but-not-sent post to a new time. */
export function reschedulePost({ postId, scheduledAt, revision }: TReschedulePostVariables): Promise<TPost> {
  return api.patch<TPost>(`/posts/${encodeURIComponent(postId)}`, { scheduledAt, revision });
}

export function useReschedulePost() {
  return usePostMutation(reschedulePost);
}
