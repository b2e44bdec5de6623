import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, mediaKindOf, type TMedia, type TMediaMime, type TUploadMediaFields } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { insertMedia, opdExists } from './media.repository';
import { toMediaDto } from './media-dto';
import type { TReceivedFile } from './save-upload-stream';
import { storeImage } from './store-image';

const EXTENSION: Record<TMediaMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'video/mp4': 'mp4' };

/**
 * Stores a received upload for one OPD: images re-encoded without metadata plus a thumbnail,
 * videos as uploaded (no transcoding). Files are written first and the row last; if anything
 * fails, the files written are removed, so there is either a row with its files or nothing.
 */
export async function uploadMedia(options: { db: TDatabase; mediaDir: string; auth: TAuth; fields: TUploadMediaFields; file: TReceivedFile; now?: Date }): Promise<TMedia> {
  const { db, auth, fields, file } = options;
  const inScope = auth.opdIds === null || auth.opdIds.includes(fields.opdId);
  if (!inScope || !(await opdExists(db, fields.opdId))) throw new AppError('not_found', { fieldErrors: [{ field: 'opdId', key: 'opd_not_found' }] });

  const id = randomUUID();
  const kind = mediaKindOf(file.mime);
  const path = `${fields.opdId}/${id}.${EXTENSION[file.mime]}`;
  const thumbnailPath = kind === 'image' ? `${fields.opdId}/${id}.thumb.jpg` : null;
  const absolute = (relative: string) => join(options.mediaDir, relative);
  await mkdir(join(options.mediaDir, fields.opdId), { recursive: true });
  try {
    const stored =
      thumbnailPath === null
        ? await rename(file.path, absolute(path)).then(() => ({ bytes: file.bytes, width: null, height: null, sha256: file.sha256 }))
        : await storeImage({ file, target: absolute(path), thumbnail: absolute(thumbnailPath) });
    const row = {
      id,
      opd_id: fields.opdId,
      kind,
      mime: file.mime,
      ...stored,
      path,
      alt_text: fields.altText ?? null,
      thumbnail_path: thumbnailPath,
      created_at: (options.now ?? new Date()).toISOString(),
    };
    await insertMedia(db, row);
    return toMediaDto(row);
  } catch (error) {
    await Promise.all([path, thumbnailPath].map((p) => (p ? rm(absolute(p), { force: true }) : undefined)));
    throw error;
  }
}
