import { createHash } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import sharp, { type FormatEnum, type Metadata, type Sharp } from 'sharp';
import { MEDIA_UPLOAD_MAX_BYTES, type TMediaMime } from '@siar/shared';
import { invalidField } from './media-errors';
import type { TReceivedFile } from './save-upload-stream';

/** Beyond any phone camera; bounds the memory one decode takes (about 3 bytes a pixel). */
const MAX_PIXELS = 100_000_000;
const THUMBNAIL_BOX = 320;
const FORMAT_OF: Partial<Record<TMediaMime, keyof FormatEnum>> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };

export interface TStoredImage {
  bytes: number;
  width: number;
  height: number;
  sha256: string;
}

const open = (path: string, animated = false) => sharp(path, { limitInputPixels: MAX_PIXELS, animated });

/** A file that cannot be decoded is the uploader's fault (400), never a server error. */
async function decoding<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw invalidField('file', /pixel limit/i.test(String(error)) ? 'image_too_many_pixels' : 'unreadable_image');
  }
}

/**
 * Re-encodes in the same format: turned upright from its EXIF orientation, then written with no
 * metadata at all (sharp keeps none unless asked: EXIF, GPS, XMP, IPTC and ICC are gone; colours
 * are converted to sRGB first). A JPEG or WebP that grows past the upload cap is retried at a
 * lower quality.
 */
async function reencode(path: string, mime: TMediaMime, meta: Metadata) {
  const animated = (meta.pages ?? 1) > 1;
  const encode = (quality: number): Sharp => {
    const image = animated ? open(path, true) : open(path).autoOrient();
    if (mime === 'image/png') return image.png({ compressionLevel: 9 });
    return mime === 'image/webp' ? image.webp({ quality }) : image.jpeg({ quality });
  };
  let result = await encode(85).toBuffer({ resolveWithObject: true });
  for (const quality of [75, 65]) {
    if (mime === 'image/png' || result.data.length <= MEDIA_UPLOAD_MAX_BYTES.image) break;
    result = await encode(quality).toBuffer({ resolveWithObject: true });
  }
  return result;
}

/**
 * Checks that the file decodes as the type its magic bytes claim, stores it at `target` and a
 * JPEG thumbnail inside 320×320 at `thumbnail`. GIFs are kept byte for byte (re-encoding would
 * degrade an animation; GIF carries no EXIF); every other image is re-encoded.
 */
export async function storeImage(options: { file: TReceivedFile; target: string; thumbnail: string }): Promise<TStoredImage> {
  const { file } = options;
  const meta = await decoding(() => open(file.path).metadata());
  if (meta.format !== FORMAT_OF[file.mime]) throw invalidField('file', 'unreadable_image');
  const thumbnail = await decoding(() =>
    open(file.path).autoOrient().resize(THUMBNAIL_BOX, THUMBNAIL_BOX, { fit: 'inside', withoutEnlargement: true }).flatten({ background: '#ffffff' }).jpeg({ quality: 80 }).toBuffer(),
  );

  let stored: TStoredImage;
  if (file.mime === 'image/gif') {
    await rename(file.path, options.target);
    stored = { bytes: file.bytes, width: meta.width, height: meta.pageHeight ?? meta.height, sha256: file.sha256 };
  } else {
    const { data, info } = await decoding(() => reencode(file.path, file.mime, meta));
    await writeFile(options.target, data, { flag: 'wx' });
    stored = { bytes: data.length, width: info.width, height: info.pageHeight ?? info.height, sha256: createHash('sha256').update(data).digest('hex') };
  }
  await writeFile(options.thumbnail, thumbnail, { flag: 'wx' });
  return stored;
}
