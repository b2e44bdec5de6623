import type { TPlatformRules } from './rules';

/** The longest text Facebook accepts in a Page post. */
export const FACEBOOK_MAX_TEXT_LENGTH = 63_206;

const FACEBOOK_HOSTS = new Set(['facebook.com', 'www.facebook.com', 'm.facebook.com', 'web.facebook.com', 'business.facebook.com']);

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

export const facebookRules: TPlatformRules = {
  id: 'facebook',
  name: 'Facebook',
  checkText(text) {
    const length = [...text].length;
    const key = text.trim() === '' ? 'text_required' : length > FACEBOOK_MAX_TEXT_LENGTH ? 'text_too_long_for_platform' : undefined;
    return { ok: key === undefined, length, max: FACEBOOK_MAX_TEXT_LENGTH, ...(key ? { key } : {}) };
  },
  /** A Page post's id is `<page id>_<post id>`; a video's or a photo's is its own id. */
  postUrl(webBaseUrl, _handle, externalId) {
    const base = webBaseUrl.replace(/\/$/, '');
    const [pageId, postId] = externalId.split('_');
    return postId ? `${base}/${encodeURIComponent(pageId!)}/posts/${encodeURIComponent(postId)}` : `${base}/${encodeURIComponent(externalId)}`;
  },
  externalIdFromUrl(url, options) {
    const parsed = parse(url);
    if (!parsed || (!options?.anyHost && !FACEBOOK_HOSTS.has(parsed.hostname.toLowerCase()))) return undefined;
    const story = parsed.searchParams.get('story_fbid');
    const owner = parsed.searchParams.get('id');
    if (/^\/permalink\.php$/.test(parsed.pathname) && story && owner) return `${owner}_${story}`;
    const fbid = parsed.searchParams.get('fbid');
    if (/^\/photo(\.php)?\/?$/.test(parsed.pathname) && fbid && /^\d{1,25}$/.test(fbid)) return fbid;
    const post = /^\/([^/]+)\/(posts|videos)\/([\w-]{1,80})\/?$/.exec(parsed.pathname);
    if (!post) return undefined;
    // A numeric Page id makes the Graph id; a Page's username does not, so the post's own id stands.
    return post[2] === 'posts' && /^\d{1,25}$/.test(post[1]!) && /^\d{1,25}$/.test(post[3]!) ? `${post[1]}_${post[3]}` : post[3];
  },
};
