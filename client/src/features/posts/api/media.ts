import type { TMedia } from '@siar/shared';
import { api, uploadForm } from '../../../lib/api-client';

/** Uploads one file to an OPD's media; the server sniffs, checks and re-encodes it. */
export function uploadMedia({ file, opdId, onProgress, signal }: { file: File; opdId: string; onProgress: (fraction: number) => void; signal?: AbortSignal }): Promise<TMedia> {
  const form = new FormData();
  // Text fields first: the server reads them before the file streams in.
  form.append('opdId', opdId);
  form.append('file', file, file.name);
  return uploadForm<TMedia>('/media', form, { onProgress, ...(signal ? { signal } : {}) });
}

export function getMedia(id: string): Promise<TMedia> {
  return api.get<TMedia>(`/media/${encodeURIComponent(id)}`);
}

export function updateMediaAltText(id: string, altText: string): Promise<TMedia> {
  return api.patch<TMedia>(`/media/${encodeURIComponent(id)}`, { altText });
}
