import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { TCredentials, TGrantedAccount, TPlatformOAuth } from '../adapter';
import { PublishError } from '../publish-error';
import type { TMetaAdapterConfig } from './meta.config';
import { graph } from './meta.graph';

/** What Siar asks of a Facebook Login: list and post to Pages, and publish to their Instagram accounts. */
export const META_SCOPES = ['pages_show_list', 'pages_manage_posts', 'pages_read_engagement', 'instagram_basic', 'instagram_content_publish', 'business_management'];
export const META_GRANT_NAME = 'meta';
/** A long-lived user token lasts about 60 days; used when Meta does not say. */
const LONG_LIVED_MS = 60 * 24 * 3600_000;
/** Bounds the walk through a person's Pages (100 per page of results). */
const MAX_PAGES = 10;

const ZToken = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive().optional() });
const ZAccountsPage = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      username: z.string().optional(),
      access_token: z.string().optional(),
      tasks: z.array(z.string()).optional(),
      instagram_business_account: z.object({ id: z.string(), username: z.string().optional(), name: z.string().optional() }).optional(),
    }),
  ),
  paging: z.object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
});

/** A Page where the person may not create content cannot be published to: it is not offered. */
const canPost = (tasks: string[] | undefined) => !tasks || tasks.includes('CREATE_CONTENT') || tasks.includes('MANAGE');

/**
 * Facebook Login (the manual flow, with PKCE): the dialog, the code exchange, then the exchange
 * for a long-lived user token, whose Pages and their linked Instagram professional accounts
 * are offered to choose from. Page tokens from a long-lived user token do not expire, but the
 * person's grant does (about 60 days): there is no refresh, a person reconnects.
 */
export function createMetaOAuth(config: TMetaAdapterConfig & { appId: string; appSecret: string }): TPlatformOAuth {
  const app = { client_id: config.appId, client_secret: config.appSecret };
  return {
    grantName: META_GRANT_NAME,
    reconnectBeforeExpiry: true,
    authorizeUrl({ state, redirectUri }) {
      const codeVerifier = randomBytes(48).toString('base64url');
      const url = new URL(`${config.authorizeBaseUrl.replace(/\/$/, '')}/${config.graphVersion}/dialog/oauth`);
      url.search = new URLSearchParams({
        client_id: config.appId,
        redirect_uri: redirectUri,
        state,
        scope: META_SCOPES.join(','),
        response_type: 'code',
        code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
        code_challenge_method: 'S256',
      }).toString();
      return { url: url.toString(), codeVerifier };
    },
    async exchange({ code, codeVerifier, redirectUri }) {
      const short = await graph(config, { method: 'GET', path: 'oauth/access_token', params: { ...app, redirect_uri: redirectUri, code, code_verifier: codeVerifier } }, ZToken);
      const long = await graph(config, { method: 'GET', path: 'oauth/access_token', params: { ...app, grant_type: 'fb_exchange_token', fb_exchange_token: short.access_token } }, ZToken);
      return { accessToken: long.access_token, expiresAt: new Date(Date.now() + (long.expires_in ? long.expires_in * 1000 : LONG_LIVED_MS)).toISOString() };
    },
    async listAccounts(user: TCredentials): Promise<TGrantedAccount[]> {
      const found: TGrantedAccount[] = [];
      let after: string | undefined;
      for (let i = 0; i < MAX_PAGES; i++) {
        const page = await graph(
          config,
          { method: 'GET', path: 'me/accounts', token: user.accessToken, params: { fields: 'id,name,username,access_token,tasks,instagram_business_account{id,username,name}', limit: 100, after } },
          ZAccountsPage,
        );
        for (const p of page.data) {
          if (!p.access_token || !canPost(p.tasks)) continue;
          // The Page's token also publishes to its Instagram account; both end with the person's grant.
          const credentials = { accessToken: p.access_token, ...(user.expiresAt ? { expiresAt: user.expiresAt } : {}) };
          found.push({ platform: 'facebook', externalId: p.id, handle: p.username ?? p.id, displayName: p.name, credentials });
          const ig = p.instagram_business_account;
          if (ig) found.push({ platform: 'instagram', externalId: ig.id, handle: ig.username ?? ig.id, displayName: ig.name ?? ig.username ?? p.name, linkedTo: p.name, credentials });
        }
        after = page.paging?.next ? page.paging.cursors?.after : undefined;
        if (!after) break;
      }
      return found;
    },
    async refresh() {
      throw new PublishError('account_disconnected', 'Meta tokens are renewed by connecting the account again');
    },
    async revoke() {
      // Meta has no per-Page revocation: DELETE /{user}/permissions would cut the person's whole
      // grant, every Page and Instagram account they connected (other OPDs' too). Disconnecting
      // deletes the token here; the person may remove the app in their Facebook settings.
    },
  };
}
