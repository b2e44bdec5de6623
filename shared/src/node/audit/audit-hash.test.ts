import { describe, expect, it } from 'vitest';
import { sanitizeAuditDetails } from './audit-details';
import { AUDIT_GENESIS_HASH, auditEventHash, canonicalJson } from './audit-hash';

const row = {
  seq: 1,
  at: '2026-11-27T01:00:00.000Z',
  actor_id: 'u1',
  action: 'user.created',
  entity: 'user',
  entity_id: 'u2',
  opd_id: null,
  details: '{"username":"budi"}',
  prev_hash: AUDIT_GENESIS_HASH,
};

describe('audit hash', () => {
  it('when two objects differ only in key order, then their canonical text is the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, { y: 2, z: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: undefined })).toBe('{"b":1}');
  });

  it('when any covered column changes, then the hash changes', () => {
    const base = auditEventHash(row);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    for (const changed of [
      { seq: 2 },
      { at: '2026-11-27T01:00:00.001Z' },
      { actor_id: null },
      { action: 'user.updated' },
      { entity_id: 'u3' },
      { opd_id: 'o1' },
      { details: '{"username":"budi "}' },
      { prev_hash: 'f'.repeat(64) },
    ]) {
      expect(auditEventHash({ ...row, ...changed })).not.toBe(base);
    }
  });

  it('when columns are shifted between neighbours, then the hash still changes (no ambiguous concatenation)', () => {
    expect(auditEventHash({ ...row, action: 'user', entity: 'created' })).not.toBe(
      auditEventHash({ ...row, action: 'usercreated', entity: '' }),
    );
  });

  it('when details carry a secret under a telling key, then its value is redacted', () => {
    expect(sanitizeAuditDetails({ username: 'budi', newPassword: 'hunter2-hunter2', nested: { accessToken: 'abc' } })).toEqual({
      username: 'budi',
      newPassword: '[redacted]',
      nested: { accessToken: '[redacted]' },
    });
  });
});
