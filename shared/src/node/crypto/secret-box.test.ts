import { describe, expect, it } from 'vitest';
import { newKeyLine, parseKeyText } from './key-file';
import { DecryptError, keyIdOf, open, seal } from './secret-box';

const ring = parseKeyText(newKeyLine('k1'));

describe('secret box', () => {
  it('when sealed and opened with the same row binding, then the plaintext comes back', () => {
    const sealed = seal(ring, 'token-123', 'social_account:a');
    expect(sealed).not.toContain('token-123');
    expect(keyIdOf(sealed)).toBe('k1');
    expect(open(ring, sealed, 'social_account:a')).toBe('token-123');
  });

  it('when the same plaintext is sealed twice, then the ciphertexts differ (random nonce)', () => {
    expect(seal(ring, 'x', 'a')).not.toBe(seal(ring, 'x', 'a'));
  });

  it('when a ciphertext is copied to another row, then it does not decrypt', () => {
    const sealed = seal(ring, 'token-123', 'social_account:a');
    expect(() => open(ring, sealed, 'social_account:b')).toThrow(DecryptError);
  });

  it('when a ciphertext is tampered with, then it does not decrypt', () => {
    const sealed = seal(ring, 'token-123', 'row');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => open(ring, parts.join('.'), 'row')).toThrow(DecryptError);
  });

  it('when the key was rotated, then rows under the previous key still open', () => {
    const old = parseKeyText(newKeyLine('k1'));
    const sealed = seal(old, 'secret', 'row');
    const rotated = parseKeyText(`${newKeyLine('k2')}\nk1:${old.current.key.toString('base64')}`);
    expect(open(rotated, sealed, 'row')).toBe('secret');
    expect(keyIdOf(seal(rotated, 'secret', 'row'))).toBe('k2');
  });

  it('when the key text is not 32 bytes, then parsing refuses it', () => {
    expect(() => parseKeyText('k1:c2hvcnQ=')).toThrow(/32 bytes/);
  });
});
