import { xRules } from '../../../platforms/x';
import type { TPlatformAdapter } from '../adapter';
import { PublishError } from '../publish-error';
import { createXClient, type TXClientConfig } from './x.client-factory';
import { mapXError } from './x.errors';
import { createXOAuth } from './x.oauth';
import { uploadXMedia } from './x.media';
import { readTweetMetrics } from './x.metrics';
import { readBackTweet } from './x.read-back';

export interface TXAdapterConfig extends TXClientConfig {
  /** Where published posts are shown: `https://x.com`, or the emulator in demo mode. */
  webBaseUrl: string;
  /** The app's OAuth 2.0 client; without it accounts cannot be connected or refreshed. */
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  authorizeBaseUrl: string;
  postsPer15MinPerUser: number;
  appPostsPer24h: number;
}

export function createXAdapter(config: TXAdapterConfig): TPlatformAdapter {
  return {
    id: 'x',
    requestTimeoutMs: config.requestTimeoutMs,
    ...(config.clientId ? { oauth: createXOAuth({ ...config, clientId: config.clientId }) } : {}),
    limits: [
      { scope: 'account', windowMs: 15 * 60_000, max: config.postsPer15MinPerUser },
      { scope: 'app', windowMs: 24 * 3600_000, max: config.appPostsPer24h },
    ],
    // GET /2/tweets: 900 per 15 min per user, 450 per app (bearer); kept well below both.
    metricsLimits: [
      { scope: 'account', windowMs: 15 * 60_000, max: 300 },
      { scope: 'app', windowMs: 15 * 60_000, max: 300 },
    ],
    async publish({ account, credentials, text, media, replyToExternalId }) {
      const client = createXClient(config, credentials.accessToken);
      // Media first: an upload that fails has posted nothing, so its errors are never ambiguous.
      const mediaIds = media?.length ? await uploadXMedia(client, media) : [];
      let response;
      try {
        // Any failure once the request is on the wire may have created the tweet.
        response = await client.v2.tweet({
          text,
          ...(mediaIds.length ? { media: { media_ids: mediaIds as [string] } } : {}),
          ...(replyToExternalId ? { reply: { in_reply_to_tweet_id: replyToExternalId } } : {}),
        });
      } catch (error) {
        throw mapXError(error, { sent: true });
      }
      const id = response.data?.id;
      if (!id) throw new PublishError('ambiguous', 'X answered without a tweet id', { platformDetail: JSON.stringify(response).slice(0, 300) });
      return { externalId: id, url: xRules.postUrl(config.webBaseUrl, account.handle, id) };
    },
    async readBack({ account, credentials, text, since }) {
      const result = await readBackTweet(createXClient(config, credentials.accessToken), account.externalId, text, since);
      return result.status === 'found' ? { status: 'found', externalId: result.externalId, url: xRules.postUrl(config.webBaseUrl, account.handle, result.externalId) } : result;
    },
    async metrics({ credentials, externalIds }) {
      return readTweetMetrics(createXClient(config, credentials.accessToken), externalIds);
    },
    async getProfile(credentials) {
      const client = createXClient(config, credentials.accessToken);
      try {
        const me = await client.v2.me();
        return { externalId: me.data.id, handle: me.data.username, displayName: me.data.name };
      } catch (error) {
        throw mapXError(error, { sent: false });
      }
    },
  };
}
