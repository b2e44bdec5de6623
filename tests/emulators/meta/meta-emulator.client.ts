/** For tests and the demo launcher: the emulator's control endpoints, and a person on the Login dialog. */
export function metaControl(baseUrl: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`meta-emulator ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : ((await res.json()) as unknown);
  };
  return {
    app: (a: { appId: string; appSecret: string; redirectUris: string[]; name?: string }) => call('POST', '/_emulator/apps', a),
    user: (u: { id: string; name: string }) => call('POST', '/_emulator/users', u),
    page: (p: { id: string; name: string; username?: string; userIds?: string[]; tasks?: string[]; accessToken?: string; instagram?: { id: string; username: string; name?: string } }) => call('POST', '/_emulator/pages', p),
    revokePage: (pageId: string) => call('POST', `/_emulator/pages/${pageId}/revoke`),
    publishedElsewhere: (igUserId: string, count: number, ageMs = 0) => call('POST', `/_emulator/instagram/${igUserId}/published`, { count, ageMs }),
    faults: (f: Record<string, unknown>) => call('POST', '/_emulator/faults', f),
    /** Sets a post's engagement (a Page post, a video or an Instagram post, by the id Siar stored). */
    engagement: (e: { id: string; likes: number; comments: number; shares?: number }) => call('POST', '/_emulator/engagement', e),
    /** Deletes a post on the platform's side, as its owner would in the app. */
    deletePost: (id: string) => call('POST', '/_emulator/delete', { id }),
    config: (c: Record<string, number>) => call('POST', '/_emulator/config', c),
    advanceClock: (advanceMs: number) => call('POST', '/_emulator/clock', { advanceMs }),
    reset: () => call('POST', '/_emulator/reset'),
    state: () => call('GET', '/_emulator/state') as Promise<TMetaEmulatorState>,
  };
}

export interface TMetaEmulatorState {
  posts: { id: string; pageId: string; message: string; link?: string; photoIds: string[]; videoId?: string; createdAt: string }[];
  photos: { id: string; pageId: string; mime: string; bytes: number; sha256: string; altText?: string; published: boolean; attachedTo?: string }[];
  containers: { id: string; igUserId: string; kind: string; isCarouselItem: boolean; status: string; statusText?: string; children?: string[] }[];
  igMedia: { id: string; igUserId: string; caption: string; mediaType: string; shortcode: string; timestamp: string; items: { kind: string; mime: string; bytes: number; sha256: string; altText?: string }[] }[];
  fetches: { url: string; status: number; ok: boolean; reason?: string; mime?: string; sha256?: string }[];
  stats: { mediaPublishCalls: number; containersCreated: number; feedPosts: number; engagementReads: number; engagementNodeReads: number; exchanges: number; longLived: number };
}

const unescape = (s: string) => s.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));

/**
 * Plays the person on Facebook Login's dialog: GET it, fill the form as a browser would, press
 * Continue (or Cancel) and answer where Facebook redirects.
 */
export async function metaConsent(authorizeUrl: string, choice: { decision: 'approve' | 'deny'; userId?: string }): Promise<{ status: number; location: string | null; page: string }> {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  if (!page.ok) return { status: page.status, location: null, page: html };
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) form.set(unescape(m[1]!), unescape(m[2]!));
  const first = /<option value="([^"]*)">/.exec(html)?.[1];
  const userId = choice.userId ?? (first === undefined ? undefined : unescape(first));
  if (userId !== undefined) form.set('user_id', userId);
  form.set('decision', choice.decision);
  const action = new URL(unescape(/<form method="post" action="([^"]*)">/.exec(html)?.[1] ?? ''), authorizeUrl);
  const res = await fetch(action, { method: 'POST', body: form, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), page: await res.text() };
}
