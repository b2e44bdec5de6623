import type { TImport } from '@siar/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadForm } from '../../../lib/api-client';
import { importKeys } from './import-keys';

export function uploadImport({ file, onProgress }: { file: File; onProgress?: (fraction: number) => void }): Promise<TImport> {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadForm<TImport>('/imports', form, { ...(onProgress ? { onProgress } : {}) });
}

/** Uploads a sheet; the answer is its checked preview (nothing is scheduled yet). */
export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadImport,
    onSuccess: async (preview) => {
      queryClient.setQueryData(importKeys.detail(preview.id), preview);
      await queryClient.invalidateQueries({ queryKey: importKeys.lists() });
    },
  });
}
