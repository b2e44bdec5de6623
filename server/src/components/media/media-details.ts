import { AppError, type TMedia, type TUpdateMediaRequest } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { toMediaDto } from './media-dto';
import { findMediaById, updateMediaAltText } from './media.repository';

/** One media item's details (for a composer reopening a post); 404 outside the caller's scope. */
export async function getMedia(options: { db: TDatabase; auth: TAuth; id: string }): Promise<TMedia> {
  const row = await findMediaById(options.db, options.auth.opdIds, options.id);
  if (!row) throw new AppError('not_found');
  return toMediaDto(row);
}

/** Sets the alt text; an empty one removes it. Posts already published keep what they were sent with. */
export async function updateMedia(options: { db: TDatabase; auth: TAuth; id: string; input: TUpdateMediaRequest }): Promise<TMedia> {
  const row = await findMediaById(options.db, options.auth.opdIds, options.id);
  if (!row) throw new AppError('not_found');
  const altText = options.input.altText || null;
  await updateMediaAltText(options.db, row.id, altText);
  return toMediaDto({ ...row, alt_text: altText });
}
