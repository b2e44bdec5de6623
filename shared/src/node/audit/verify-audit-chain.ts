import type { TDatabase } from '../db/database';
import { AUDIT_GENESIS_HASH, auditEventHash } from './audit-hash';

export type TAuditBreak = 'seq' | 'link' | 'hash';

export type TAuditChainResult =
  | { ok: true; count: number; head: { seq: number; hash: string } | null }
  | { ok: false; count: number; broken: { seq: number; action: string; at: string; reason: TAuditBreak } };

/**
 * Walks the chain in seq order, a page at a time (memory stays flat over years of events), and
 * stops at the first event that does not follow: a seq that is not the previous + 1 (an event
 * removed or inserted), a prev_hash that is not the previous hash, or a stored hash that is not
 * the hash of the row as it is now. A cut-off tail leaves a valid shorter chain: compare the
 * head with one recorded elsewhere to catch that.
 */
export async function verifyAuditChain(db: TDatabase, options: { pageSize?: number } = {}): Promise<TAuditChainResult> {
  const pageSize = options.pageSize ?? 1_000;
  let previous: { seq: number; hash: string } | null = null;
  let count = 0;
  for (;;) {
    let query = db.selectFrom('audit_event').selectAll().orderBy('seq').limit(pageSize);
    if (previous) query = query.where('seq', '>', previous.seq);
    const rows = await query.execute();
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq) };
      const reason: TAuditBreak | undefined =
        row.seq !== (previous ? previous.seq + 1 : 1)
          ? 'seq'
          : row.prev_hash !== (previous?.hash ?? AUDIT_GENESIS_HASH)
            ? 'link'
            : row.hash !== auditEventHash(row)
              ? 'hash'
              : undefined;
      if (reason) return { ok: false, count, broken: { seq: row.seq, action: row.action, at: row.at, reason } };
      previous = { seq: row.seq, hash: row.hash };
      count += 1;
    }
    if (rows.length < pageSize) return { ok: true, count, head: previous };
  }
}
