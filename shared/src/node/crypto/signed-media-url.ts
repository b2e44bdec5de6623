import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TKey, TKeyRing } from './secret-box';

/** How long a signed media address works: long enough for a platform to fetch it, no longer. */
export const SIGNED_MEDIA_TTL_MS = 3600_000;
/** Served by the server without a session (platforms fetch it), under this path. */
export const SIGNED_MEDIA_PATH = '/media/signed';

const PURPOSE = 'siar:signed-media-url:v1';

/** A key of its own per ring key (HMAC of a fixed label): the encryption key itself never signs. */
function signingKey(key: TKey): Buffer {
  return createHmac('sha256', key.key).update(PURPOSE).digest();
}

function signatureOf(key: TKey, mediaId: string, exp: number): Buffer {
  return createHmac('sha256', signingKey(key)).update(`${mediaId}.${exp}`).digest();
}

/**
 * `<base>/media/signed/<mediaId>?exp=<unix seconds>&sig=<HMAC-SHA256>`: an address a platform
 * can fetch a media file from without a session, until `exp`. Signed with the ring's current key.
 */
export function signedMediaUrl(ring: TKeyRing, o: { baseUrl: string; mediaId: string; now?: number; ttlMs?: number }): string {
  const exp = Math.floor(((o.now ?? Date.now()) + (o.ttlMs ?? SIGNED_MEDIA_TTL_MS)) / 1000);
  const sig = signatureOf(ring.current, o.mediaId, exp).toString('base64url');
  return `${o.baseUrl.replace(/\/$/, '')}${SIGNED_MEDIA_PATH}/${encodeURIComponent(o.mediaId)}?exp=${exp}&sig=${sig}`;
}

/** Checks an address's signature (any key of the ring, so rotation does not break links in flight) and its expiry. */
export function verifyMediaSignature(ring: TKeyRing, o: { mediaId: string; exp: unknown; sig: unknown; now?: number }): 'ok' | 'expired' | 'invalid' {
  if (typeof o.exp !== 'string' || !/^\d{1,12}$/.test(o.exp) || typeof o.sig !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(o.sig)) return 'invalid';
  const exp = Number(o.exp);
  const given = Buffer.from(o.sig, 'base64url');
  const matches = () => [ring.current, ...ring.previous].some((key) => timingSafeEqual(signatureOf(key, o.mediaId, exp), given));
  let valid = matches();
  if (!valid && ring.reload) {
    ring.reload();
    valid = matches();
  }
  if (!valid) return 'invalid';
  return exp * 1000 < (o.now ?? Date.now()) ? 'expired' : 'ok';
}
