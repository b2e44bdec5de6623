import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress, isPrivateHostLiteral } from './private-address';

/** Why a media URL could not be fetched; `key` names the reason (`import.<key>` or `validation.<key>`). */
export class MediaDownloadError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'MediaDownloadError';
  }
}

const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Resolves a host and refuses it when any of its addresses is private. The connection then uses
 * the addresses checked here, so a name cannot resolve to a public address for the check and a
 * private one for the connection.
 */
export function guardedLookup(allowPrivateHosts: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      const cb = callback as (err: Error | null, address: string | LookupAddress[], family?: number) => void;
      if (error) return cb(error, '');
      if (!allowPrivateHosts && addresses.some((a) => isPrivateAddress(a.address))) return cb(new MediaDownloadError('import_media_private_host'), '');
      if (options.all) return cb(null, addresses);
      cb(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function getOnce(url: URL, o: { allowPrivateHosts: boolean; signal: AbortSignal }): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.get(url, { lookup: guardedLookup(o.allowPrivateHosts), signal: o.signal, headers: { accept: 'image/*, video/mp4', 'user-agent': 'Siar-Import' } }, resolve);
    req.on('error', reject);
  });
}

/**
 * Opens a media URL for reading: http(s) only, at most three redirects (each hop checked like
 * the first), a 2xx answer. The caller reads the body (bounded by its own cap) and the signal
 * bounds the whole download in time.
 */
export async function openMediaUrl(raw: string, o: { allowPrivateHosts: boolean; signal: AbortSignal }): Promise<IncomingMessage> {
  let url = new URL(raw);
  for (let hop = 0; ; hop++) {
    if (!['http:', 'https:'].includes(url.protocol)) throw new MediaDownloadError('invalid_url');
    if (!o.allowPrivateHosts && isPrivateHostLiteral(url.hostname)) throw new MediaDownloadError('import_media_private_host');
    const res = await getOnce(url, o);
    const status = res.statusCode ?? 0;
    if (REDIRECTS.has(status) && res.headers.location) {
      res.resume();
      if (hop >= MAX_REDIRECTS) throw new MediaDownloadError('media_too_many_redirects');
      url = new URL(res.headers.location, url);
      continue;
    }
    if (status < 200 || status >= 300) {
      res.resume();
      throw new MediaDownloadError('media_http_status', { status });
    }
    return res;
  }
}
