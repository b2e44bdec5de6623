import type { TPlatformRules } from './rules';

/** Instagram's caption limits (Content Publishing API). */
export const INSTAGRAM_MAX_CAPTION_LENGTH = 2_200;
export const INSTAGRAM_MAX_HASHTAGS = 30;
/** Posts published through the API per account per rolling 24 hours. */
export const INSTAGRAM_DEFAULT_POSTS_PER_24H = 50;

const INSTAGRAM_HOSTS = new Set(['instagram.com', 'www.instagram.com', 'm.instagram.com']);
const HASHTAG = /(?:^|[^\p{L}\p{N}_&#])#[\p{L}\p{N}_]+/gu;

/** Hashtags as Instagram counts them: `#word` at a word's start, never inside a link. */
export function countHashtags(text: string): number {
  return [...text.replace(/https?:\/\/\S+/g, ' ').matchAll(HASHTAG)].length;
}

export const instagramRules: TPlatformRules = {
  id: 'instagram',
  name: 'Instagram',
  checkText(text) {
    const length = [...text].length;
    const key =
      text.trim() === ''
        ? 'text_required'
        : length > INSTAGRAM_MAX_CAPTION_LENGTH
          ? 'text_too_long_for_platform'
          : countHashtags(text) > INSTAGRAM_MAX_HASHTAGS
            ? 'too_many_hashtags'
            : undefined;
    return { ok: key === undefined, length, max: INSTAGRAM_MAX_CAPTION_LENGTH, ...(key ? { key } : {}) };
  },
  /**
   * Instagram's links carry a shortcode, never the media id: the adapter stores the permalink
   * Instagram answers. From the id alone the best link is the account's profile.
   */
  postUrl: (webBaseUrl, handle) => `${webBaseUrl.replace(/\/$/, '')}/${encodeURIComponent(handle)}/`,
  /** The shortcode of a post or Reel link stands for its id (the API's numeric id is not in links). */
  externalIdFromUrl(url, options) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (!options?.anyHost && !INSTAGRAM_HOSTS.has(parsed.hostname.toLowerCase())) return undefined;
    return /^\/(?:[\w.]+\/)?(?:p|reel|reels|tv)\/([\w-]{5,64})\/?$/.exec(parsed.pathname)?.[1];
  },
};
