import { z } from 'zod';
import { facebookRules } from '../../../platforms/facebook';
import type { TPlatformAdapter, TPublishInput } from '../adapter';
import type { TMetaAdapterConfig } from './meta.config';
import { graph } from './meta.graph';
import { META_METRICS_LIMITS, readFacebookMetrics } from './meta.metrics';
import { isVideo, publicUrlOf } from './meta.media';
import { createMetaOAuth } from './meta.oauth';
import { readBackItems } from './meta.read-back';

const ZId = z.object({ id: z.string().min(1) });
const ZPermalink = z.object({ permalink_url: z.string().optional() });
const ZPage = z.object({ id: z.string(), name: z.string(), username: z.string().optional() });
const FIRST_URL = /https?:\/\/[^\s<>"]+/;

/**
 * What a reader sees of the post: photos uploaded unpublished and attached to one feed post (so
 * a failed upload leaves nothing visible), a video through /videos, or text with its first link
 * previewed. Answers the id of the visible post.
 */
async function postToPage(config: TMetaAdapterConfig, { account, credentials, text, media = [] }: TPublishInput): Promise<string> {
  const token = credentials.accessToken;
  const video = media.find(isVideo);
  if (video) {
    return (await graph(config, { method: 'POST', path: `${account.externalId}/videos`, token, body: { file_url: publicUrlOf(video), description: text }, writes: true }, ZId)).id;
  }
  const attached: { media_fbid: string }[] = [];
  for (const photo of media) {
    const body = { url: publicUrlOf(photo), published: false, ...(photo.altText ? { alt_text_custom: photo.altText } : {}) };
    attached.push({ media_fbid: (await graph(config, { method: 'POST', path: `${account.externalId}/photos`, token, body }, ZId)).id });
  }
  const link = attached.length === 0 ? FIRST_URL.exec(text)?.[0] : undefined;
  const body = { message: text, ...(link ? { link } : {}), ...(attached.length ? { attached_media: attached } : {}) };
  return (await graph(config, { method: 'POST', path: `${account.externalId}/feed`, token, body, writes: true }, ZId)).id;
}

/** Facebook Pages through the Graph API, with Page tokens from Facebook Login. */
export function createFacebookAdapter(config: TMetaAdapterConfig): TPlatformAdapter {
  const permalink = async (id: string, token: string, handle: string) => {
    try {
      return (await graph(config, { method: 'GET', path: id, token, params: { fields: 'permalink_url' } }, ZPermalink)).permalink_url ?? facebookRules.postUrl(config.webBaseUrl, handle, id);
    } catch {
      // The post is out; only its link could not be read: build it from the id.
      return facebookRules.postUrl(config.webBaseUrl, handle, id);
    }
  };
  return {
    id: 'facebook',
    requestTimeoutMs: config.requestTimeoutMs,
    ...(config.appId && config.appSecret ? { oauth: createMetaOAuth({ ...config, appId: config.appId, appSecret: config.appSecret }) } : {}),
    limits: [],
    async publish(input) {
      const id = await postToPage(config, input);
      return { externalId: id, url: await permalink(id, input.credentials.accessToken, input.account.handle) };
    },
    async readBack({ account, credentials, text, since }) {
      const result = await readBackItems(config, { path: `${account.externalId}/feed`, token: credentials.accessToken, textField: 'message', timeField: 'created_time', linkField: 'permalink_url', text, since, pageSize: 100 });
      if (result.status !== 'found') return result;
      return { status: 'found', externalId: result.externalId, url: result.url ?? facebookRules.postUrl(config.webBaseUrl, account.handle, result.externalId) };
    },
    metricsLimits: META_METRICS_LIMITS,
    metrics: ({ credentials, externalIds }) => readFacebookMetrics(config, { token: credentials.accessToken, externalIds }),
    async getProfile(credentials) {
      const page = await graph(config, { method: 'GET', path: 'me', token: credentials.accessToken, params: { fields: 'id,name,username' } }, ZPage);
      return { externalId: page.id, handle: page.username ?? page.id, displayName: page.name };
    },
  };
}
