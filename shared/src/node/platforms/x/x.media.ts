import { readFile } from 'node:fs/promises';
import type { TwitterApi } from 'twitter-api-v2';
import type { TPublishMedia } from '../adapter';
import { PublishError } from '../publish-error';
import { mapXError } from './x.errors';

type TXMediaType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' | 'video/mp4';

/**
 * Uploads each file through X's v2 chunked upload (initialize, append, finalize, and STATUS
 * polling while a video processes) and sets its alt text. Answers the media ids in order.
 */
export async function uploadXMedia(client: TwitterApi, media: TPublishMedia[]): Promise<string[]> {
  const ids: string[] = [];
  for (const item of media) {
    let bytes: Buffer;
    try {
      bytes = await readFile(item.path);
    } catch {
      throw new PublishError('content_rejected', `the media file is missing from this server (${item.mime})`);
    }
    try {
      const id = await client.v2.uploadMedia(bytes, { media_type: item.mime as TXMediaType });
      if (item.altText && !item.mime.startsWith('video/')) await client.v2.createMediaMetadata(id, { alt_text: { text: item.altText.slice(0, 1000) } });
      ids.push(id);
    } catch (error) {
      throw mapXError(error, { sent: false });
    }
  }
  return ids;
}
