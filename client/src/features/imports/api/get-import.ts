import type { TImport } from '@siar/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { importKeys } from './import-keys';

export const PROGRESS_POLL_MS = 1_000;

export function getImport({ id, rows, signal }: { id: string; rows: boolean; signal?: AbortSignal }): Promise<TImport> {
  return api.get<TImport>(`/imports/${encodeURIComponent(id)}`, { params: { rows: rows ? '1' : '0' }, signal });
}

/** The import with every row, for the preview table. */
export function useImport(id: string) {
  return useQuery(queryOptions({ queryKey: importKeys.detail(id), queryFn: ({ signal }) => getImport({ id, rows: true, signal }) }));
}

/** Status and counts, refreshed every second while the rows are being scheduled. */
export function useImportProgress(id: string) {
  return useQuery(
    queryOptions({
      queryKey: importKeys.progress(id),
      queryFn: ({ signal }) => getImport({ id, rows: false, signal }),
      staleTime: 0,
      refetchInterval: (query) => (query.state.data?.status === 'committing' ? PROGRESS_POLL_MS : false),
    }),
  );
}
