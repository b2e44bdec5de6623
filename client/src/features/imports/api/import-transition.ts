import type { TImport } from '@siar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { importKeys } from './import-keys';

export function commitImport(id: string): Promise<TImport> {
  return api.post<TImport>(`/imports/${encodeURIComponent(id)}/commit`);
}

export function discardImport(id: string): Promise<TImport> {
  return api.post<TImport>(`/imports/${encodeURIComponent(id)}/discard`);
}

/**
 * Commit (schedule the valid rows, or resume an interrupted run) or discard. The answer is the
 * import's progress, which then polls until done; on a refusal it is refetched either way.
 */
function useImportTransition(mutationFn: (id: string) => Promise<TImport>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (state) => queryClient.setQueryData(importKeys.progress(state.id), state),
    onSettled: async (_state, _error, id) => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: importKeys.progress(id) }), queryClient.invalidateQueries({ queryKey: importKeys.lists() })]);
    },
  });
}

export const useCommitImport = () => useImportTransition(commitImport);
export const useDiscardImport = () => useImportTransition(discardImport);
