/** Keys whose values are never written to the audit log, whatever a caller passes. */
const SECRET_KEY = /password|passwd|secret|token|credential|cookie|authorization|api_?key|verifier/i;
const MAX_STRING = 1_000;
const MAX_DEPTH = 5;

function clean(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => clean(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? '[redacted]' : clean(v, depth + 1);
  return out;
}

/**
 * A safety net, not the policy: callers put ids, names and changed fields in details, never a
 * secret. Should one slip in under a telling key (password, token…), its value is replaced;
 * long strings are cut so one event stays small.
 */
export function sanitizeAuditDetails(details: Record<string, unknown>): Record<string, unknown> {
  return clean(details, 0) as Record<string, unknown>;
}
