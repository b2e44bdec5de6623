import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromBuffer } from 'file-type';
import { ZMediaMime, type TMediaMime } from '@siar/shared';
import { unsupportedMediaType } from './media-errors';

/** Enough of the head for file-type to tell JPEG, PNG, WebP, GIF and MP4 (its own sample size). */
const SNIFF_BYTES = 4100;

export interface TReceivedFile {
  /** A temp file: the caller moves or removes it. */
  path: string;
  bytes: number;
  mime: TMediaMime;
  /** Of the bytes as uploaded. */
  sha256: string;
}

export interface TSaveStreamOptions {
  tempDir: string;
  maxBytesOf(mime: TMediaMime): number;
  /** The error to throw when the file passes its type's cap. */
  tooLarge(maxBytes: number): Error;
}

/** The type from the magic bytes, never from the file's name or the client's Content-Type. */
export async function sniffMediaType(head: Uint8Array): Promise<TMediaMime | undefined> {
  const parsed = ZMediaMime.safeParse((await fileTypeFromBuffer(head))?.mime);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Streams one upload to a temp file, chunk by chunk (a video is never held in memory). The type
 * is sniffed as soon as the head has arrived, so an unsupported file or one past its type's cap
 * stops the reading there. On any failure the temp file is removed before the error is thrown.
 */
export async function saveUploadStream(stream: Readable, options: TSaveStreamOptions): Promise<TReceivedFile> {
  await mkdir(options.tempDir, { recursive: true });
  const path = join(options.tempDir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  let mime: TMediaMime | undefined;
  let bytes = 0;
  const sniff = async () => {
    const found = await sniffMediaType(head);
    if (!found) throw unsupportedMediaType();
    return found;
  };
  const checkSize = (type: TMediaMime) => {
    if (bytes > options.maxBytesOf(type)) throw options.tooLarge(options.maxBytesOf(type));
  };
  async function* guard(source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      bytes += chunk.length;
      hash.update(chunk);
      if (!mime) {
        head = Buffer.concat([head, chunk]);
        if (head.length >= SNIFF_BYTES) mime = await sniff();
      }
      if (mime) checkSize(mime);
      yield chunk;
    }
    mime ??= await sniff();
    checkSize(mime);
  }
  const out = createWriteStream(path, { flags: 'wx' });
  try {
    await pipeline(stream, guard, out);
    return { path, bytes, mime: mime!, sha256: hash.digest('hex') };
  } catch (error) {
    // The pipeline can fail before the file is even opened (a bad head in the first chunk): it
    // is created and closed after that, so remove it only once the stream has closed.
    if (!out.closed) await new Promise<void>((closed) => out.once('close', () => closed()));
    await rm(path, { force: true });
    throw error;
  }
}
