import { z } from 'zod';
import { ZId } from './common';

const MIB = 1024 * 1024;

/** What an upload may be, by its sniffed content (never by its name or declared type). */
export const MEDIA_IMAGE_MIMES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export const MEDIA_VIDEO_MIMES = ['video/mp4'] as const;
export const ZMediaMime = z.enum([...MEDIA_IMAGE_MIMES, ...MEDIA_VIDEO_MIMES]);
export type TMediaMime = z.infer<typeof ZMediaMime>;
export const ZMediaKind = z.enum(['image', 'video']);
export type TMediaKind = z.infer<typeof ZMediaKind>;

/** Siar's own upload caps; each platform's limits (shared/src/platforms/media-rules.ts) may be lower. */
export const MEDIA_UPLOAD_MAX_BYTES: Readonly<Record<TMediaKind, number>> = { image: 5 * MIB, video: 512 * MIB };
export const MEDIA_ALT_TEXT_MAX = 1_000;

export function mediaKindOf(mime: TMediaMime): TMediaKind {
  return (MEDIA_VIDEO_MIMES as readonly string[]).includes(mime) ? 'video' : 'image';
}

/** The text fields of `POST /api/media` (multipart); the file itself travels as `file`. */
export const ZUploadMediaFields = z.object({
  opdId: ZId,
  altText: z
    .string()
    .trim()
    .max(MEDIA_ALT_TEXT_MAX, { error: 'alt_text_too_long' })
    .optional()
    .transform((v) => v || undefined),
});
export type TUploadMediaFields = z.infer<typeof ZUploadMediaFields>;

/** `PATCH /api/media/:id`: the description read by screen readers on the platforms. */
export const ZUpdateMediaRequest = z.object({
  altText: z.string().trim().max(MEDIA_ALT_TEXT_MAX, { error: 'alt_text_too_long' }),
});
export type TUpdateMediaRequest = z.infer<typeof ZUpdateMediaRequest>;

export const ZMedia = z.object({
  id: ZId,
  opdId: ZId,
  kind: ZMediaKind,
  mime: ZMediaMime,
  bytes: z.number().int().nonnegative(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  altText: z.string().nullable(),
  /** `/api/media/<id>/file`, within the same session's scope. */
  url: z.string(),
  /** A JPEG inside 320×320; null for videos (no transcoding, so no frame to show). */
  thumbnailUrl: z.string().nullable(),
});
export type TMedia = z.infer<typeof ZMedia>;
