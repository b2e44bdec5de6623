import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** One AES-256 key and the id written in front of every ciphertext it makes. */
export interface TKey {
  id: string;
  key: Buffer;
}

export interface TKeyRing {
  current: TKey;
  /** Older keys, kept to read rows not yet re-encrypted. */
  previous: TKey[];
  /** Re-reads the keys from their source (a rotated key file); called when a key id is unknown. */
  reload?: () => void;
}

const VERSION = 'v1';

/**
 * AES-256-GCM with a random 96-bit nonce. The associated data binds a ciphertext to its row
 * (e.g. `social_account:<id>`): copied to another row, it no longer decrypts.
 * Format: `v1.<keyId>.<nonce>.<ciphertext+tag>` (base64url).
 */
export function seal(ring: TKeyRing, plaintext: string, associatedData: string): string {
  // Always seal under the newest key, even if the key file was rotated since this process started.
  ring.reload?.();
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, nonce);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, ring.current.id, nonce.toString('base64url'), body.toString('base64url')].join('.');
}

export class DecryptError extends Error {
  constructor(reason: string) {
    super(`cannot decrypt credentials: ${reason}`);
    this.name = 'DecryptError';
  }
}

export function open(ring: TKeyRing, sealed: string, associatedData: string): string {
  const [version, keyId, nonceText, bodyText] = sealed.split('.');
  if (version !== VERSION || !keyId || !nonceText || !bodyText) throw new DecryptError('malformed');
  const find = () => [ring.current, ...ring.previous].find((k) => k.id === keyId);
  let key = find();
  if (!key && ring.reload) {
    ring.reload();
    key = find();
  }
  if (!key) throw new DecryptError(`unknown key id ${keyId}`);
  const body = Buffer.from(bodyText, 'base64url');
  if (body.length < 16) throw new DecryptError('malformed');
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(nonceText, 'base64url'));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - 16));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptError('authentication failed');
  }
}

export function keyIdOf(sealed: string): string | undefined {
  return sealed.split('.')[1];
}
