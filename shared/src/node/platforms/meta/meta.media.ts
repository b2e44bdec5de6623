import type { TPublishMedia } from '../adapter';
import { PublishError } from '../publish-error';

/** Meta fetches media itself, from the signed address Siar gives it: without one nothing can go. */
export function publicUrlOf(item: TPublishMedia): string {
  if (!item.url) throw new PublishError('content_rejected', 'Meta fetches media from Siar\'s public address, and none is configured (set PUBLIC_BASE_URL for the worker)');
  return item.url;
}

export const isVideo = (item: TPublishMedia) => item.mime.startsWith('video/');
