import type { TPost } from '@siar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { approvalKeys } from './approval-keys';

export type TDecisionInput = { postId: string; revision: number } & ({ decision: 'approve' } | { decision: 'reject'; comment: string });

/** Approve or reject the revision the reviewer looked at; a decision already made answers 409. */
export function decidePost(input: TDecisionInput): Promise<TPost> {
  const body = input.decision === 'reject' ? { revision: input.revision, comment: input.comment } : { revision: input.revision };
  return api.post<TPost>(`/posts/${encodeURIComponent(input.postId)}/${input.decision}`, body);
}

/** Refreshes the queue and its count either way: a 409 means someone else decided first. */
export function useDecidePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decidePost,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: approvalKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: approvalKeys.count() }),
        queryClient.invalidateQueries({ queryKey: ['posts'] }),
      ]);
    },
  });
}
