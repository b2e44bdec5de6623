import { z } from 'zod';
import type { TPublishMedia } from '../adapter';
import { PublishError } from '../publish-error';
import type { TMetaAdapterConfig } from './meta.config';
import { graph } from './meta.graph';
import { isVideo, publicUrlOf } from './meta.media';

const ZId = z.object({ id: z.string().min(1) });
const ZStatus = z.object({ status_code: z.enum(['IN_PROGRESS', 'FINISHED', 'ERROR', 'EXPIRED', 'PUBLISHED']), status: z.string().optional() });

/**
 * Waits until every container has processed. ERROR refuses the post with Meta's reason (naming
 * the carousel item); EXPIRED and a budget spent are transient: new containers at the next try.
 * Nothing is published here, so no error is ambiguous.
 */
async function waitFinished(config: TMetaAdapterConfig, token: string, containers: { id: string; label: string }[]): Promise<void> {
  const deadline = Date.now() + config.containerWaitMs;
  let pending = containers;
  for (let round = 0; pending.length > 0; round++) {
    const still: typeof pending = [];
    for (const c of pending) {
      const { status_code: code, status } = await graph(config, { method: 'GET', path: c.id, token, params: { fields: 'status_code,status' } }, ZStatus);
      if (code === 'ERROR') throw new PublishError('content_rejected', `Instagram could not process ${c.label}: ${status ?? 'ERROR'}`, { platformDetail: status });
      if (code === 'EXPIRED') throw new PublishError('transient', `the Instagram container of ${c.label} expired before it was published`);
      if (code === 'IN_PROGRESS') still.push(c);
    }
    pending = still;
    if (pending.length === 0) return;
    if (Date.now() > deadline) throw new PublishError('transient', `Instagram is still processing ${pending.map((c) => c.label).join(', ')}`);
    // Polls grow from the configured interval to at most ten times it.
    await new Promise((resolve) => setTimeout(resolve, config.containerPollMs * Math.min(2 ** round, 10)));
  }
}

const itemBody = (item: TPublishMedia) => (isVideo(item) ? { media_type: 'VIDEO', video_url: publicUrlOf(item) } : { image_url: publicUrlOf(item), ...(item.altText ? { alt_text: item.altText } : {}) });

/**
 * The container to publish, processed: one image, a Reel (one video), or a carousel whose items
 * are made and processed first. Answers its id; nothing is visible until media_publish.
 */
export async function prepareContainer(config: TMetaAdapterConfig, o: { igUserId: string; token: string; caption: string; media: TPublishMedia[] }): Promise<string> {
  const create = (body: Record<string, unknown>) => graph(config, { method: 'POST', path: `${o.igUserId}/media`, token: o.token, body }, ZId).then((r) => r.id);
  if (o.media.length === 1) {
    const item = o.media[0]!;
    const body = isVideo(item) ? { media_type: 'REELS', video_url: publicUrlOf(item), caption: o.caption } : { ...itemBody(item), caption: o.caption };
    const id = await create(body);
    await waitFinished(config, o.token, [{ id, label: isVideo(item) ? 'the Reel' : 'the image' }]);
    return id;
  }
  const children: { id: string; label: string }[] = [];
  for (const [index, item] of o.media.entries()) children.push({ id: await create({ ...itemBody(item), is_carousel_item: true }), label: `carousel item ${index + 1}` });
  await waitFinished(config, o.token, children);
  const id = await create({ media_type: 'CAROUSEL', children: children.map((c) => c.id).join(','), caption: o.caption });
  await waitFinished(config, o.token, [{ id, label: 'the carousel' }]);
  return id;
}
