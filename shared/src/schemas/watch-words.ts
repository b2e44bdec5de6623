import { z } from 'zod';
import { ZId } from './common';

/** A word or short phrase; compared after normalization (see shared/src/platforms/watch-words.ts). */
export const ZWatchWordText = z
  .string({ error: 'required' })
  .trim()
  .min(2, { error: 'watch_word_too_short' })
  .max(64, { error: 'watch_word_too_long' })
  .refine((w) => /[\p{L}\p{N}]/u.test(w), { error: 'watch_word_too_short' });

export const ZWatchWordRequest = z.object({ word: ZWatchWordText });
export type TWatchWordRequest = z.infer<typeof ZWatchWordRequest>;

export const ZWatchWord = z.object({
  id: ZId,
  word: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type TWatchWord = z.infer<typeof ZWatchWord>;
