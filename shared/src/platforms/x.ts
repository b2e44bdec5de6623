import twitterText from 'twitter-text';
import type { TPlatformRules } from './rules';

/** X counts weighted characters (CJK and emoji count double, URLs 23). */
export const X_MAX_WEIGHTED_LENGTH = 280;

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
  postUrl: (webBaseUrl, handle, externalId) =>
    `${webBaseUrl.replace(/\/$/, '')}/${encodeURIComponent(handle)}/status/${encodeURIComponent(externalId)}`,
};
