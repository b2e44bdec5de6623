import type { TWatchWord } from '@siar/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { approvalKeys } from './approval-keys';

export function getWatchWords({ signal }: { signal?: AbortSignal } = {}): Promise<{ items: TWatchWord[] }> {
  return api.get<{ items: TWatchWord[] }>('/admin/watch-words', { signal });
}

export function useWatchWords() {
  return useQuery(queryOptions({ queryKey: approvalKeys.watchWords(), queryFn: ({ signal }) => getWatchWords({ signal }) }));
}

export function saveWatchWord({ id, word }: { id?: string; word: string }): Promise<TWatchWord> {
  return id
    ? api.patch<TWatchWord>(`/admin/watch-words/${encodeURIComponent(id)}`, { word })
    : api.post<TWatchWord>('/admin/watch-words', { word });
}

export function deleteWatchWord({ id }: { id: string }): Promise<void> {
  return api.delete<void>(`/admin/watch-words/${encodeURIComponent(id)}`);
}

function useWatchWordMutation<TVariables, TResult>(mutationFn: (variables: TVariables) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: approvalKeys.watchWords() }) });
}

export function useSaveWatchWord() {
  return useWatchWordMutation(saveWatchWord);
}

export function useDeleteWatchWord() {
  return useWatchWordMutation(deleteWatchWord);
}
