import { z } from 'zod';
import { instagramRules } from '../../../platforms/instagram';
import type { TPlatformAdapter } from '../adapter';
import { PublishError } from '../publish-error';
import type { TMetaAdapterConfig } from './meta.config';
import { graph } from './meta.graph';
import { META_METRICS_LIMITS, readInstagramMetrics } from './meta.metrics';
import { prepareContainer } from './meta.instagram.containers';
import { createMetaOAuth } from './meta.oauth';
import { checkPublishingLimit } from './meta.instagram.limit';
import { readBackItems } from './meta.read-back';

const ZId = z.object({ id: z.string().min(1) });
const ZPermalink = z.object({ permalink: z.string().optional() });
const ZLinkedAccount = z.object({ instagram_business_account: z.object({ id: z.string(), username: z.string().optional(), name: z.string().optional() }).optional() });

/**
 * Instagram professional accounts through the Content Publishing API: the publishing quota is
 * checked, the container made and processed, and only then `media_publish`, the one call that
 * makes anything visible (so only its failures can be ambiguous).
 */
export function createInstagramAdapter(config: TMetaAdapterConfig): TPlatformAdapter {
  return {
    id: 'instagram',
    requestTimeoutMs: config.requestTimeoutMs,
    ...(config.appId && config.appSecret ? { oauth: createMetaOAuth({ ...config, appId: config.appId, appSecret: config.appSecret }) } : {}),
    limits: [{ scope: 'account', windowMs: 24 * 3600_000, max: config.postsPer24h }],
    async publish({ account, credentials, text, media = [] }) {
      if (media.length === 0) throw new PublishError('content_rejected', 'Instagram needs at least one image or video');
      const token = credentials.accessToken;
      await checkPublishingLimit(config, { igUserId: account.externalId, token });
      const creationId = await prepareContainer(config, { igUserId: account.externalId, token, caption: text, media });
      const { id } = await graph(config, { method: 'POST', path: `${account.externalId}/media_publish`, token, body: { creation_id: creationId }, writes: true }, ZId);
      let url = instagramRules.postUrl(config.webBaseUrl, account.handle, id);
      try {
        url = (await graph(config, { method: 'GET', path: id, token, params: { fields: 'permalink' } }, ZPermalink)).permalink ?? url;
      } catch {
        // Published; only its link could not be read.
      }
      return { externalId: id, url };
    },
    async readBack({ account, credentials, text, since }) {
      const result = await readBackItems(config, { path: `${account.externalId}/media`, token: credentials.accessToken, textField: 'caption', timeField: 'timestamp', linkField: 'permalink', text, since, pageSize: 50 });
      if (result.status !== 'found') return result;
      return { status: 'found', externalId: result.externalId, url: result.url ?? instagramRules.postUrl(config.webBaseUrl, account.handle, result.externalId) };
    },
    metricsLimits: META_METRICS_LIMITS,
    metrics: ({ credentials, externalIds }) => readInstagramMetrics(config, { token: credentials.accessToken, externalIds }),
    /** The Instagram account linked to the Page whose token this is. */
    async getProfile(credentials) {
      const { instagram_business_account: ig } = await graph(config, { method: 'GET', path: 'me', token: credentials.accessToken, params: { fields: 'instagram_business_account{id,username,name}' } }, ZLinkedAccount);
      if (!ig) throw new PublishError('account_disconnected', 'this Page has no linked Instagram professional account');
      return { externalId: ig.id, handle: ig.username ?? ig.id, displayName: ig.name ?? ig.username ?? ig.id };
    },
  };
}
