import { ApiResponseError } from 'twitter-api-v2';
import type { TCredentials, TPlatformOAuth } from '../adapter';
import { PublishError } from '../publish-error';
import { createXAppClient, type TXClientConfig } from './x.client-factory';
import { mapXError } from './x.errors';

export const X_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'media.write'];

export interface TXOAuthConfig extends TXClientConfig {
  clientId: string;
  clientSecret?: string | undefined;
  /** Where people consent: `https://x.com`, or the emulator. */
  authorizeBaseUrl: string;
}

function toCredentials(result: { accessToken: string; refreshToken?: string | undefined; expiresIn: number }): TCredentials {
  return { accessToken: result.accessToken, refreshToken: result.refreshToken, expiresAt: new Date(Date.now() + result.expiresIn * 1000).toISOString() };
}

/**
 * X's refresh answers 400 (invalid_request / invalid_grant) when the refresh token is no
 * longer valid: only that disconnects the account. Anything else may pass: transient.
 */
function mapRefreshError(error: unknown): PublishError {
  if (error instanceof ApiResponseError && (error.code === 400 || error.code === 401)) {
    const data = error.data as { error?: string; error_description?: string } | undefined;
    return new PublishError('account_disconnected', data?.error_description ?? data?.error ?? 'refresh refused', { httpStatus: error.code, cause: error });
  }
  const mapped = mapXError(error, { sent: false });
  return mapped.kind === 'rate_limited' ? mapped : new PublishError('transient', mapped.message, { httpStatus: mapped.httpStatus, cause: error });
}

export function createXOAuth(config: TXOAuthConfig): TPlatformOAuth {
  const app = () => createXAppClient(config, config);
  return {
    authorizeUrl({ state, redirectUri }) {
      const link = app().generateOAuth2AuthLink(redirectUri, { scope: X_SCOPES, state });
      const url = link.url.replace(/^https:\/\/(x|twitter)\.com/, config.authorizeBaseUrl.replace(/\/$/, ''));
      return { url, codeVerifier: link.codeVerifier };
    },
    async exchange({ code, codeVerifier, redirectUri }) {
      try {
        return toCredentials(await app().loginWithOAuth2({ code, codeVerifier, redirectUri }));
      } catch (error) {
        throw mapRefreshError(error);
      }
    },
    async refresh(credentials) {
      if (!credentials.refreshToken) throw new PublishError('account_disconnected', 'no refresh token');
      try {
        return toCredentials(await app().refreshOAuth2Token(credentials.refreshToken));
      } catch (error) {
        throw mapRefreshError(error);
      }
    },
    async revoke(credentials) {
      const client = app();
      if (credentials.refreshToken) await client.revokeOAuth2Token(credentials.refreshToken, 'refresh_token');
      await client.revokeOAuth2Token(credentials.accessToken, 'access_token');
    },
  };
}
