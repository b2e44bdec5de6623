import http from 'node:http';
import { TwitterApi, type ITwitterApiClientPlugin } from 'twitter-api-v2';

/**
 * For tests: twitter-api-v2 pointed at the emulator. API calls go to api.x.com / upload.x.com
 * and the consent link to x.com; the plugin rewrites all three to the emulator's base URL.
 */
export function emulatorPlugin(baseUrl: string): ITwitterApiClientPlugin {
  const base = baseUrl.replace(/\/$/, '');
  return {
    onBeforeRequestConfig({ params }) {
      params.url = params.url.replace(/^https:\/\/(api|upload)\.(x|twitter)\.com/, base);
    },
    // Runs synchronously inside generateOAuth2AuthLink, so the link it answers is rewritten.
    onOAuth2RequestToken({ result }) {
      result.url = result.url.replace(/^https:\/\/(x|twitter)\.com/, base);
    },
  };
}

/** The app's own client (consent link, code exchange, refresh, revoke), as Siar builds it. */
export function emulatorAppClient(baseUrl: string, app: { clientId: string; clientSecret?: string | undefined }): TwitterApi {
  return new TwitterApi({ clientId: app.clientId, ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}) }, { plugins: [emulatorPlugin(baseUrl)], httpAgent: new http.Agent() });
}

const unescape = (s: string) => s.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));

/**
 * Plays the person on the consent page: GET the page, fill the form as a browser would,
 * press "Authorize app" (or "Cancel") and answer where X redirects.
 */
export async function consent(authorizeUrl: string, choice: { decision: 'approve' | 'deny'; userId?: string }): Promise<{ status: number; location: string | null; page: string }> {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  if (!page.ok) return { status: page.status, location: page.headers.get('location'), page: html };
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) form.set(unescape(m[1]!), unescape(m[2]!));
  const firstUser = /<option value="([^"]*)">/.exec(html)?.[1];
  const userId = choice.userId ?? (firstUser === undefined ? undefined : unescape(firstUser));
  if (userId !== undefined) form.set('user_id', userId);
  form.set('decision', choice.decision);
  const action = new URL(/<form method="post" action="([^"]*)">/.exec(html)?.[1] ?? '/i/oauth2/authorize', authorizeUrl);
  const res = await fetch(action, { method: 'POST', body: form, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), page: await res.text() };
}
