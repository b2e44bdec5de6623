import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Request, Response } from 'express';
import { dataVersion, type TDatabase } from '@siar/shared/node';

const gzip = promisify(gzipCallback);

/** One serialized answer; `bytes` counts the body and, once made, its gzip. */
export interface TCachedAnswer {
  key: string;
  version: string;
  body: Buffer;
  etag: string;
  /** Made on the first request that accepts it, once per entry. */
  gzip?: Promise<Buffer>;
  bytes: number;
}

export interface TJsonCache {
  /** The entry of (key, version), computed and serialized when missing. */
  entry(key: string, version: string, compute: () => Promise<unknown>): Promise<TCachedAnswer>;
  gzipOf(entry: TCachedAnswer): Promise<Buffer>;
  readonly size: { entries: number; bytes: number };
}

/**
 * Serialized answers of this process, least recently used dropped first past either bound.
 * Concurrent misses of one key and version share one computation; a failed one stores nothing.
 */
export function createJsonCache(limits: { maxBytes?: number; maxEntries?: number } = {}): TJsonCache {
  const maxBytes = limits.maxBytes ?? 64 * 1024 * 1024;
  const maxEntries = limits.maxEntries ?? 2000;
  const entries = new Map<string, TCachedAnswer>();
  const inFlight = new Map<string, Promise<TCachedAnswer>>();
  let bytes = 0;

  const drop = (e: TCachedAnswer) => {
    entries.delete(e.key);
    bytes -= e.bytes;
  };
  const trim = () => {
    for (const e of entries.values()) {
      if (bytes <= maxBytes && entries.size <= maxEntries) break;
      drop(e);
    }
  };
  const store = (e: TCachedAnswer) => {
    const old = entries.get(e.key);
    if (old) drop(old);
    if (e.bytes > maxBytes) return;
    entries.set(e.key, e);
    bytes += e.bytes;
    trim();
  };
  const compute = async (key: string, version: string, fn: () => Promise<unknown>): Promise<TCachedAnswer> => {
    const body = Buffer.from(JSON.stringify(await fn()), 'utf8');
    const e: TCachedAnswer = { key, version, body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"`, bytes: body.length };
    store(e);
    return e;
  };

  return {
    entry(key, version, fn) {
      const hit = entries.get(key);
      if (hit?.version === version) {
        entries.delete(key);
        entries.set(key, hit);
        return Promise.resolve(hit);
      }
      const flightKey = `${version}\n${key}`;
      let flight = inFlight.get(flightKey);
      if (!flight) {
        flight = compute(key, version, fn).finally(() => inFlight.delete(flightKey));
        inFlight.set(flightKey, flight);
      }
      return flight;
    },
    gzipOf(e) {
      e.gzip ??= gzip(e.body, { level: 6 }).then(
        (zipped) => {
          e.bytes += zipped.length;
          // Counted while the entry is held; one already dropped counts no more.
          if (entries.get(e.key) === e) {
            bytes += zipped.length;
            trim();
          }
          return zipped;
        },
        (err: unknown) => {
          e.gzip = undefined;
          throw err;
        },
      );
      return e.gzip;
    },
    get size() {
      return { entries: entries.size, bytes };
    },
  };
}

/** `If-None-Match: W/"a", "b"` or `*`: tags compare weakly (RFC 9110 13.1.2). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === opaque;
  });
}

/**
 * Answers with the JSON of `compute()`, computed and serialized once per (key, version).
 * `key` must name everything the answer depends on besides the database (the user, the scope
 * and locale the request was authorized with, the parsed query); the database's dataVersion()
 * is read before computing and labels the answer. The browser revalidates every time (no-cache) and gets a 304 while its
 * copy is current.
 */
export async function sendCachedJson(
  req: Request,
  res: Response,
  o: { cache: TJsonCache; db: TDatabase; key: string; compute: () => Promise<unknown> },
): Promise<void> {
  const entry = await o.cache.entry(o.key, await dataVersion(o.db), o.compute);
  res.setHeader('ETag', entry.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Cache-Control', 'private, no-cache');
  if (matches(req.headers['if-none-match'], entry.etag)) {
    res.status(304).end();
    return;
  }
  // Express's negotiation (negotiator): q-values count, `gzip;q=0` refuses it.
  const zipped = req.acceptsEncodings('gzip', 'identity') === 'gzip';
  const body = zipped ? await o.cache.gzipOf(entry) : entry.body;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (zipped) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}
