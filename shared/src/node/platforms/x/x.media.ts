import { open } from 'node:fs/promises';
import type { TwitterApi } from 'twitter-api-v2';
import type { TPublishMedia } from '../adapter';
import { PublishError } from '../publish-error';
import { mapXError } from './x.errors';

/** X takes appends of up to 5 MB; 1 MB keeps a worker's memory flat however large the video. */
export const X_MEDIA_CHUNK_BYTES = 1024 * 1024;
/** How long a video may process at X before the attempt gives up (retried later as transient). */
const PROCESSING_BUDGET_MS = 10 * 60_000;

interface TUploadAnswer {
  data?: { id?: string; processing_info?: TProcessingInfo };
}
interface TProcessingInfo {
  state?: string;
  check_after_secs?: number;
  error?: { message?: string };
}

function categoryOf(mime: string): string {
  if (mime === 'image/gif') return 'tweet_gif';
  return mime.startsWith('video/') ? 'tweet_video' : 'tweet_image';
}

/** STATUS until X says the video is ready, waiting as long as it asks. */
async function waitForProcessing(client: TwitterApi, mediaId: string, info: TProcessingInfo | undefined): Promise<void> {
  const deadline = Date.now() + PROCESSING_BUDGET_MS;
  let current = info;
  while (current && current.state !== 'succeeded') {
    if (current.state === 'failed') throw new PublishError('content_rejected', `X could not process the video: ${current.error?.message ?? 'unknown reason'}`);
    if (Date.now() > deadline) throw new PublishError('transient', 'X is still processing the video');
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, current?.check_after_secs ?? 1) * 1000));
    const answer = (await client.v2.get('media/upload', { command: 'STATUS', media_id: mediaId })) as TUploadAnswer;
    current = answer.data?.processing_info;
  }
}

/**
 * One file through X's v2 chunked upload (initialize, append, finalize, STATUS while a video
 * processes), read from disk chunk by chunk: a 512 MB video never sits in memory whole.
 */
async function uploadOne(client: TwitterApi, item: TPublishMedia): Promise<string> {
  let file;
  try {
    file = await open(item.path, 'r');
  } catch {
    throw new PublishError('content_rejected', `the media file is missing from this server (${item.mime})`);
  }
  try {
    const { size } = await file.stat();
    const init = (await client.v2.post('media/upload/initialize', { media_type: item.mime, total_bytes: size, media_category: categoryOf(item.mime) })) as TUploadAnswer;
    const mediaId = init.data?.id;
    if (!mediaId) throw new PublishError('transient', 'X answered the upload without a media id');
    const chunk = Buffer.alloc(Math.min(X_MEDIA_CHUNK_BYTES, Math.max(size, 1)));
    for (let index = 0, offset = 0; offset < size; index++) {
      const { bytesRead } = await file.read(chunk, 0, chunk.length, offset);
      if (bytesRead === 0) throw new PublishError('transient', 'the media file changed while it was uploaded');
      // A copy per append: the form body must not see the buffer reused for the next chunk.
      await client.v2.post(`media/upload/${mediaId}/append`, { segment_index: index, media: Buffer.from(chunk.subarray(0, bytesRead)) }, { forceBodyMode: 'form-data' });
      offset += bytesRead;
    }
    const finalized = (await client.v2.post(`media/upload/${mediaId}/finalize`)) as TUploadAnswer;
    await waitForProcessing(client, mediaId, finalized.data?.processing_info);
    if (item.altText && !item.mime.startsWith('video/')) await client.v2.createMediaMetadata(mediaId, { alt_text: { text: item.altText.slice(0, 1000) } });
    return mediaId;
  } finally {
    await file.close();
  }
}

/** Uploads each file and sets its alt text; answers the media ids in order. Nothing is posted yet, so no error here is ambiguous. */
export async function uploadXMedia(client: TwitterApi, media: TPublishMedia[]): Promise<string[]> {
  const ids: string[] = [];
  for (const item of media) {
    try {
      ids.push(await uploadOne(client, item));
    } catch (error) {
      throw error instanceof PublishError ? error : mapXError(error, { sent: false });
    }
  }
  return ids;
}
