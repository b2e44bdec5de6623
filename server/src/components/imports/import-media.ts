import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, MEDIA_UPLOAD_MAX_BYTES, mediaKindOf, type TLocale } from '@siar/shared';
import type { TDatabase } from '@siar/shared/node';
import type { TAuth } from '../../libraries/http/auth-context';
import { translate } from '../../libraries/i18n/messages';
import { fileTooLarge } from '../media/media-errors';
import { saveUploadStream, type TReceivedFile } from '../media/save-upload-stream';
import { uploadMedia } from '../media/upload-media';
import { MediaDownloadError, openMediaUrl } from './download-media';
import type { TStoredRowError } from './import-row-errors';

/** A video for a scheduled post is fine; a feature film is not what a spreadsheet row should pull in. */
const MAX_BYTES = { image: MEDIA_UPLOAD_MAX_BYTES.image, video: 100 * 1024 * 1024 };
export const IMPORT_MEDIA_TIMEOUT_MS = 60_000;

async function download(o: { url: string; tempDir: string; locale: TLocale; allowPrivateHosts: boolean; timeoutMs: number }): Promise<TReceivedFile> {
  const signal = AbortSignal.timeout(o.timeoutMs);
  const tooLarge = (maxBytes: number) => fileTooLarge(o.locale, maxBytes);
  try {
    const res = await openMediaUrl(o.url, { allowPrivateHosts: o.allowPrivateHosts, signal });
    const declared = Number(res.headers['content-length']);
    if (declared > MAX_BYTES.video) {
      res.destroy();
      throw tooLarge(MAX_BYTES.video);
    }
    // The same sniffing and caps as an upload: the type from the bytes, never from the URL.
    return await saveUploadStream(res, { tempDir: o.tempDir, maxBytesOf: (mime) => MAX_BYTES[mediaKindOf(mime)], tooLarge });
  } catch (error) {
    if (error instanceof MediaDownloadError || error instanceof AppError) throw error;
    if (signal.aborted) throw new MediaDownloadError('media_timeout', { seconds: Math.round(o.timeoutMs / 1000) });
    throw new MediaDownloadError('media_unreachable');
  }
}

/**
 * Downloads a row's media URL and stores it through the upload pipeline (sniffing, re-encoding
 * without metadata, thumbnail) for the OPD of the row's accounts; answers the media id.
 */
export async function importMedia(o: { db: TDatabase; mediaDir: string | undefined; auth: TAuth; opdId: string; url: string; allowPrivateHosts: boolean; timeoutMs?: number }): Promise<string> {
  if (!o.mediaDir) throw new MediaDownloadError('media_unavailable');
  const file = await download({ url: o.url, tempDir: join(o.mediaDir, '.incoming'), locale: o.auth.locale, allowPrivateHosts: o.allowPrivateHosts, timeoutMs: o.timeoutMs ?? IMPORT_MEDIA_TIMEOUT_MS });
  try {
    return (await uploadMedia({ db: o.db, mediaDir: o.mediaDir, auth: o.auth, fields: { opdId: o.opdId, altText: undefined }, file })).id;
  } finally {
    await rm(file.path, { force: true });
  }
}

/** A download failure as the row's reason, in the committing user's language. */
export function rowErrorOfDownload(error: MediaDownloadError, locale: TLocale): TStoredRowError {
  const own = translate(locale, `validation.${error.key}`, error.params);
  const reason = own ?? translate(locale, `import.${error.key}`, error.params) ?? error.key;
  return { field: 'mediaUrl', key: error.key, message: own ?? translate(locale, 'validation.import_media_failed', { reason }) ?? reason };
}
