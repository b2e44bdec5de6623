import type { TAdminOpd, TCreateOpdRequest, TUpdateOpdRequest } from '@siar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

export type TSaveOpdInput = { id: null; body: TCreateOpdRequest } | { id: string; body: TUpdateOpdRequest };

/** Creates an OPD (no id) or changes some of its settings. */
export function saveOpd(input: TSaveOpdInput): Promise<TAdminOpd> {
  return input.id === null
    ? api.post<TAdminOpd>('/admin/opds', input.body)
    : api.patch<TAdminOpd>(`/admin/opds/${encodeURIComponent(input.id)}`, input.body);
}

export function useSaveOpd({ onSuccess }: { onSuccess?: (opd: TAdminOpd) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveOpd,
    onSuccess,
    // Users list OPD names too; a refusal also means the list on screen may be out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.all }),
  });
}
