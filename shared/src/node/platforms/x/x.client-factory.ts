import http from 'node:http';
import https from 'node:https';
import { TwitterApi, type ITwitterApiClientPlugin } from 'twitter-api-v2';

export interface TXClientConfig {
  /** e.g. `https://api.x.com` in production, the emulator's URL in tests and demo. */
  apiBaseUrl: string;
  /** Per-request timeout; a timeout after sending is an ambiguous outcome. */
  requestTimeoutMs: number;
}

const X_HOSTS = /^https:\/\/(api|upload)\.(x|twitter)\.com/;

/**
 * Every X client is built here, so each one honours the configured base URL and timeout.
 * twitter-api-v2 hard-codes its hosts; the plugin rewrites them before each request.
 */
function redirectPlugin(config: TXClientConfig): ITwitterApiClientPlugin {
  const base = config.apiBaseUrl.replace(/\/$/, '');
  return {
    onBeforeRequestConfig({ params }) {
      params.url = params.url.replace(X_HOSTS, base);
    },
    onBeforeRequest({ requestOptions }) {
      requestOptions.timeout = config.requestTimeoutMs;
    },
  };
}

// One keep-alive agent per base URL: a client is built per call, the connections are reused.
const agents = new Map<string, http.Agent | https.Agent>();
function agentFor(baseUrl: string): http.Agent | https.Agent {
  let agent = agents.get(baseUrl);
  if (!agent) {
    agent = baseUrl.startsWith('http://') ? new http.Agent({ keepAlive: true }) : new https.Agent({ keepAlive: true });
    agents.set(baseUrl, agent);
  }
  return agent;
}

export function createXClient(config: TXClientConfig, accessToken: string): TwitterApi {
  return new TwitterApi(accessToken, { plugins: [redirectPlugin(config)], httpAgent: agentFor(config.apiBaseUrl) });
}

/** The app's own client (OAuth 2.0 consent, code exchange, refresh, revoke). */
export function createXAppClient(config: TXClientConfig, app: { clientId: string; clientSecret?: string | undefined }): TwitterApi {
  return new TwitterApi({ clientId: app.clientId, ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}) }, { plugins: [redirectPlugin(config)], httpAgent: agentFor(config.apiBaseUrl) });
}
