import { createHash, createHmac } from 'node:crypto';
import type { Request, Response } from 'express';
import type { TFetched, TMetaState, TMetaToken } from './meta-emulator.state';

/** Meta's error shape: `{ error: { message, type, code, error_subcode, fbtrace_id } }`. */
export function graphError(res: Response, status: number, code: number, message: string, extra: { subcode?: number; type?: string; userMsg?: string; headers?: Record<string, string> } = {}) {
  if (extra.headers) res.set(extra.headers);
  res.status(status).json({
    error: {
      message,
      type: extra.type ?? (code === 190 || code === 102 ? 'OAuthException' : 'GraphMethodException'),
      code,
      ...(extra.subcode ? { error_subcode: extra.subcode } : {}),
      ...(extra.userMsg ? { error_user_msg: extra.userMsg } : {}),
      fbtrace_id: `emu${Math.random().toString(36).slice(2, 12)}`,
    },
  });
}

/** Parameters from the query and the body (JSON or form), as Graph reads them. */
export function paramsOf(req: Request): Record<string, unknown> {
  const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
  return { ...(req.query as Record<string, unknown>), ...body };
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function tokenOf(req: Request): string | undefined {
  return /^(?:Bearer|OAuth) (.+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? str(paramsOf(req).access_token);
}

/**
 * The live token of a request, or an OAuth error as Meta answers it (#190: missing, unknown,
 * revoked or expired; #100 for a wrong appsecret_proof).
 */
export function authenticate(req: Request, res: Response, state: TMetaState, nowMs: number): TMetaToken | undefined {
  const token = tokenOf(req);
  if (!token) return void graphError(res, 400, 2500, 'An active access token must be used to query information about the current user.', { type: 'OAuthException' });
  const found = state.tokens.find((t) => t.token === token);
  if (!found) return void graphError(res, 400, 190, 'Invalid OAuth access token - Cannot parse access token');
  if (found.revoked) return void graphError(res, 400, 190, 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.', { subcode: 460 });
  if (found.expiresAtMs !== undefined && nowMs >= found.expiresAtMs) return void graphError(res, 400, 190, 'Error validating access token: Session has expired.', { subcode: 463 });
  const proof = str(paramsOf(req).appsecret_proof);
  if (proof) {
    const secrets = state.apps.filter((a) => !found.appId || a.appId === found.appId).map((a) => a.appSecret);
    if (!secrets.some((s) => createHmac('sha256', s).update(token).digest('hex') === proof)) return void graphError(res, 400, 100, 'Invalid appsecret_proof provided in the API argument');
  }
  return found;
}

/**
 * Fetches a media address as Meta's crawler does: it must answer 200 with an image or video.
 * Every fetch is recorded (tests check that signed links were used, and bad ones refused).
 */
export async function fetchMedia(state: TMetaState, url: unknown, expect: 'image' | 'video'): Promise<{ ok: true; mime: string; bytes: Buffer; sha256: string } | { ok: false; reason: string }> {
  const at = new Date().toISOString();
  const record = (f: Omit<TFetched, 'at' | 'url'>) => state.fetches.push({ url: typeof url === 'string' ? url : String(url), at, ...f });
  if (typeof url !== 'string' || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    record({ status: 0, ok: false, reason: 'not an http(s) URL' });
    return { ok: false, reason: 'the URL is not valid' };
  }
  let res: globalThis.Response;
  try {
    res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    record({ status: 0, ok: false, reason: error instanceof Error ? error.message : String(error) });
    return { ok: false, reason: 'the server could not be reached' };
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  const mime = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (res.status !== 200) {
    record({ status: res.status, ok: false, reason: `HTTP ${res.status}` });
    return { ok: false, reason: `HTTP ${res.status}` };
  }
  if (!mime.startsWith(`${expect}/`)) {
    record({ status: res.status, ok: false, mime, reason: `not an ${expect}` });
    return { ok: false, reason: `the content type ${mime || 'unknown'} is not an ${expect}` };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  record({ status: 200, ok: true, mime, bytes: bytes.length, sha256 });
  return { ok: true, mime, bytes, sha256 };
}

/** Cursor paging as Graph answers it: `paging.cursors.after` and `paging.next` while more follow. */
export function pageOf<T>(req: Request, items: T[], defaultLimit: number): { data: T[]; paging?: { cursors: { after: string }; next: string } } {
  const params = paramsOf(req);
  const limit = Math.min(Math.max(Number(params.limit ?? defaultLimit) || defaultLimit, 1), 100);
  const start = str(params.after) ? Number(Buffer.from(str(params.after)!, 'base64url').toString()) || 0 : 0;
  const data = items.slice(start, start + limit);
  if (start + limit >= items.length) return { data };
  const after = Buffer.from(String(start + limit)).toString('base64url');
  const next = new URL(`${req.protocol}://${req.get('host')}${req.path}`);
  next.searchParams.set('after', after);
  next.searchParams.set('limit', String(limit));
  return { data, paging: { cursors: { after }, next: next.toString() } };
}
