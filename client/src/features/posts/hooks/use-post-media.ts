import type { TMedia } from '@siar/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getMedia, updateMediaAltText, uploadMedia } from '../api/media';

export interface TPostMediaItem {
  key: string;
  name: string;
  /** A local picture while the upload runs (images only). */
  localUrl: string | null;
  state: 'uploading' | 'done' | 'failed';
  /** 0 to 1. */
  progress: number;
  media: TMedia | null;
  error: unknown;
  altText: string;
  altState: 'saved' | 'saving' | 'failed' | 'idle';
  /** Kept for "try again". */
  file: File | null;
  opdId: string | null;
}

let sequence = 0;
const nextKey = () => `m${++sequence}`;

/** The composer's attachments: uploads with progress, alt texts saved on blur, order kept. */
export function usePostMedia() {
  const [items, setItems] = useState<TPostMediaItem[]>([]);
  const controllers = useRef(new Map<string, AbortController>());

  const patch = useCallback((key: string, change: Partial<TPostMediaItem>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const start = useCallback(
    (key: string, file: File, opdId: string) => {
      const controller = new AbortController();
      controllers.current.set(key, controller);
      uploadMedia({ file, opdId, signal: controller.signal, onProgress: (progress) => patch(key, { progress }) })
        .then((media) => patch(key, { state: 'done', media, progress: 1, file: null }))
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          patch(key, { state: 'failed', error });
        })
        .finally(() => controllers.current.delete(key));
    },
    [patch],
  );

  const add = useCallback(
    (files: File[], opdId: string) => {
      const added = files.map<TPostMediaItem>((file) => ({
        key: nextKey(),
        name: file.name,
        localUrl: file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
        state: 'uploading',
        progress: 0,
        media: null,
        error: null,
        altText: '',
        altState: 'idle',
        file,
        opdId,
      }));
      setItems((current) => [...current, ...added]);
      for (const item of added) start(item.key, item.file!, opdId);
    },
    [start],
  );

  const retry = useCallback(
    (key: string) => {
      const item = items.find((candidate) => candidate.key === key);
      if (!item?.file || !item.opdId) return;
      patch(key, { state: 'uploading', progress: 0, error: null });
      start(key, item.file, item.opdId);
    },
    [items, patch, start],
  );

  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    setItems((current) => {
      const gone = current.find((item) => item.key === key);
      if (gone?.localUrl) URL.revokeObjectURL(gone.localUrl);
      return current.filter((item) => item.key !== key);
    });
  }, []);

  const setAltText = useCallback((key: string, altText: string) => patch(key, { altText, altState: 'idle' }), [patch]);

  const saveAltText = useCallback(
    (key: string) => {
      const item = items.find((candidate) => candidate.key === key);
      if (!item?.media || (item.media.altText ?? '') === item.altText.trim()) return;
      patch(key, { altState: 'saving' });
      updateMediaAltText(item.media.id, item.altText)
        .then((media) => patch(key, { media, altState: 'saved' }))
        .catch((error: unknown) => patch(key, { altState: 'failed', error }));
    },
    [items, patch],
  );

  const clear = useCallback(() => {
    for (const controller of controllers.current.values()) controller.abort();
    setItems((current) => {
      for (const item of current) if (item.localUrl) URL.revokeObjectURL(item.localUrl);
      return [];
    });
  }, []);

  /** Attaches media that already exist (a duplicated post); unknown ones are skipped. */
  const load = useCallback(async (mediaIds: string[]) => {
    const found = await Promise.all(mediaIds.map((id) => getMedia(id).catch(() => null)));
    setItems(
      found.flatMap((media) =>
        media
          ? [{ key: nextKey(), name: media.id, localUrl: null, state: 'done' as const, progress: 1, media, error: null, altText: media.altText ?? '', altState: 'idle' as const, file: null, opdId: media.opdId }]
          : [],
      ),
    );
  }, []);

  useEffect(() => {
    const pending = controllers.current;
    return () => {
      for (const controller of pending.values()) controller.abort();
    };
  }, []);

  const uploaded = items.flatMap((item) => (item.state === 'done' && item.media ? [item.media] : []));
  return {
    items,
    uploaded,
    uploading: items.some((item) => item.state === 'uploading'),
    failed: items.some((item) => item.state === 'failed'),
    add,
    retry,
    remove,
    setAltText,
    saveAltText,
    clear,
    load,
  };
}

export type TPostMedia = ReturnType<typeof usePostMedia>;
