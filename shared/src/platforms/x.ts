import twitterText from 'twitter-text';
import type { TPlatformRules } from './rules';

/** X counts weighted characters (CJK and emoji count double, URLs 23). */
export const X_MAX_WEIGHTED_LENGTH = 280;

const X_HOSTS = new Set(['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com']);

export const xRules: TPlatformRules = {
  id: 'x',
  name: 'X',
  checkText(text) {
    const parsed = twitterText.parseTweet(text);
    const ok = parsed.valid;
    return {
      ok,
      length: parsed.weightedLength,
      max: X_MAX_WEIGHTED_LENGTH,
      ...(ok ? {} : { key: text.trim() === '' ? 'text_required' : 'text_too_long_for_platform' }),
    };
  },
  externalIdFromUrl(url, options) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (!options?.anyHost && !X_HOSTS.has(parsed.hostname.toLowerCase())) return undefined;
    return /^\/[^/]+\/status(?:es)?\/(\d{1,25})\/?$/.exec(parsed.pathname)?.[1];
  },
  // X's automation rules: identical or substantially similar posts across accounts get suspended.
  similarContentWindowMs: 24 * 3600_000,
  // X has no hard cap on a thread's length; Siar keeps threads to what people read.
  maxThreadParts: 25,
  costOf: (text, prices) => (twitterText.extractUrls(text).length > 0 ? prices.postWithUrl : prices.post),
  postUrl: (webBaseUrl, handle, externalId) =>
    `${webBaseUrl.replace(/\/$/, '')}/${encodeURIComponent(handle)}/status/${encodeURIComponent(externalId)}`,
};

/** X's posting limits (current docs; the legacy Free tier is far lower: set them in config). */
export const X_DEFAULT_POSTS_PER_15MIN_PER_USER = 100;
export const X_DEFAULT_APP_POSTS_PER_24H = 10_000;

/** Pay-per-use prices at the time of writing (USD); deployments set their own. */
export const X_DEFAULT_PRICES = { currency: 'USD', post: 0.015, postWithUrl: 0.2 };
