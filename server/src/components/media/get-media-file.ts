import { AppError } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { findMediaById } from './media.repository';

export type TMediaVariant = 'file' | 'thumbnail';

/** Where a media file lies (relative to the media directory) and its type; 404 outside the caller's scope. */
export async function getMediaFile(options: { db: TDatabase; auth: TAuth; id: string; variant: TMediaVariant }): Promise<{ path: string; mime: string }> {
  const row = await findMediaById(options.db, options.auth.opdIds, options.id);
  const path = options.variant === 'file' ? row?.path : row?.thumbnail_path;
  if (!row || !path) throw new AppError('not_found');
  return { path, mime: options.variant === 'file' ? row.mime : 'image/jpeg' };
}
