import { createHash } from 'node:crypto';

/** The `prev_hash` of the first event: the chain starts from a fixed, well-known value. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The columns a hash covers: every column of the row but the hash itself. */
export interface TAuditHashedRow {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  opd_id: string | null;
  /** The stored text, byte for byte: changing one byte of it breaks the chain. */
  details: string;
  prev_hash: string;
}

function sortedValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortedValue);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined && typeof v !== 'function') out[key] = sortedValue(v);
  }
  return out;
}

/** JSON with object keys sorted at every depth: one value always gives one text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedValue(value)) ?? 'null';
}

/**
 * SHA-256 (hex) over a JSON array of the row's columns in a fixed order. An array, not a
 * concatenation, so no two different rows can serialize to the same text.
 */
export function auditEventHash(row: TAuditHashedRow): string {
  const payload = JSON.stringify([
    row.seq,
    row.at,
    row.actor_id,
    row.action,
    row.entity,
    row.entity_id,
    row.opd_id,
    row.details,
    row.prev_hash,
  ]);
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}
