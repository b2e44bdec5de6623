import { randomUUID } from 'node:crypto';
import type { TMetricPoint } from '@siar/shared';
import { freshCredentials, PublishError, type TDatabase, type TLogger, type TPlatformAdapter, type TPostMetrics, type TRefresherDeps } from '@siar/shared/node';
import type { TRateLimiter } from '../libraries/rate-limiter';

const HOUR = 3600_000;
/** Latest first: a delivery is collected at the latest point it has reached (see below). */
const POINTS: { point: TMetricPoint; afterMs: number }[] = [
  { point: '7d', afterMs: 7 * 24 * HOUR },
  { point: '24h', afterMs: 24 * HOUR },
  { point: '1h', afterMs: HOUR },
];
const HORIZON_MS = 30 * 24 * HOUR;
/** Deliveries read per point per run (oldest first); the next run takes the rest. */
const LIMIT = 2000;
/** Posts per metrics call: one read request and one slot of the read window. */
const BATCH = 100;

export interface TCollectMetricsDeps {
  db: TDatabase;
  adapters: ReadonlyMap<string, TPlatformAdapter>;
  refresher: TRefresherDeps;
  limiter: TRateLimiter;
  logger: TLogger;
}

interface TDue {
  id: string;
  external_id: string;
  account_id: string;
  platform: string;
  account_external_id: string;
  handle: string;
  point: TMetricPoint;
}

/**
 * Deliveries published within the last 30 days that reached a point with no snapshot yet. Each is
 * due only at the latest point it has reached: after an outage a delivery 30 h old gets its 24 h
 * point late, and its 1 h point, which can no longer be measured, is left out. The ranges read
 * the (status, published_at) index, so a run costs the last 30 days, not the history.
 */
async function findDue(db: TDatabase, o: { now: Date; platforms: string[] }): Promise<TDue[]> {
  const due: TDue[] = [];
  for (let i = 0; i < POINTS.length; i++) {
    const { point, afterMs } = POINTS[i]!;
    // Older than the next later point: that point is the one due.
    const olderBound = i === 0 ? HORIZON_MS : POINTS[i - 1]!.afterMs;
    const rows = await db
      .selectFrom('delivery')
      .innerJoin('social_account', 'social_account.id', 'delivery.account_id')
      .select(['delivery.id', 'delivery.external_id', 'delivery.account_id', 'social_account.platform', 'social_account.external_id as account_external_id', 'social_account.handle'])
      .where('delivery.status', '=', 'published')
      .where('delivery.published_at', '>', new Date(o.now.getTime() - olderBound).toISOString())
      .where('delivery.published_at', '<=', new Date(o.now.getTime() - afterMs).toISOString())
      .where('delivery.external_id', 'is not', null)
      .where('social_account.status', '=', 'active')
      .where('social_account.platform', 'in', o.platforms)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('metric_snapshot').select('metric_snapshot.delivery_id').whereRef('metric_snapshot.delivery_id', '=', 'delivery.id').where('metric_snapshot.point', '=', point))),
      )
      .orderBy('delivery.published_at')
      .limit(LIMIT)
      .execute();
    for (const r of rows) due.push({ ...r, external_id: r.external_id!, point });
  }
  return due;
}

async function save(db: TDatabase, o: { rows: TDue[]; metrics: Record<string, TPostMetrics>; now: Date }): Promise<number> {
  const values = o.rows.flatMap((d) => {
    const m = o.metrics[d.external_id];
    if (!m) return [];
    return [{ delivery_id: d.id, point: d.point, collected_at: o.now.toISOString(), likes: m.likes, reposts: m.reposts, replies: m.replies, impressions: m.impressions ?? null }];
  });
  if (values.length === 0) return 0;
  // A point is taken once: a second collector (or a repeated job) finds the row and adds nothing.
  await db
    .insertInto('metric_snapshot')
    .values(values)
    .onConflict((oc) => oc.columns(['delivery_id', 'point']).doNothing())
    .execute();
  return values.length;
}

/**
 * Collects public metrics of recent deliveries, every ~10 minutes, for the platforms whose adapter
 * has `metrics`. Reads count against each platform's own read window (`<platform>:metrics` in the
 * limiter), apart from publishing quota. A 429 or a refused slot postpones the account's batch to
 * a later run; any error leaves its deliveries due; nothing is ever marked failed.
 */
export function createCollectMetricsProcessor(deps: TCollectMetricsDeps) {
  return async (now: Date = new Date()): Promise<{ collected: number; postponed: number; failed: number }> => {
    const platforms = [...deps.adapters.values()].filter((a) => a.metrics).map((a) => a.id);
    if (platforms.length === 0) return { collected: 0, postponed: 0, failed: 0 };
    const due = await findDue(deps.db, { now, platforms });
    const byAccount = new Map<string, TDue[]>();
    for (const d of due) byAccount.set(d.account_id, [...(byAccount.get(d.account_id) ?? []), d]);
    let collected = 0;
    let postponed = 0;
    let failed = 0;
    for (const [accountId, rows] of byAccount) {
      const adapter = deps.adapters.get(rows[0]!.platform)!;
      const readScope = `${adapter.id}:metrics`;
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH);
        const slot = await deps.limiter.take({ platform: readScope, accountId, limits: adapter.metricsLimits ?? [], member: `${accountId}:${randomUUID()}` });
        if (!slot.ok) {
          postponed += rows.length - i;
          break;
        }
        const account = { id: accountId, externalId: batch[0]!.account_external_id, handle: batch[0]!.handle };
        const externalIds = [...new Set(batch.map((d) => d.external_id))];
        try {
          let credentials = await freshCredentials(deps.refresher, accountId);
          let metrics: Record<string, TPostMetrics>;
          try {
            metrics = await adapter.metrics!({ account, credentials, externalIds });
          } catch (err) {
            if (!(err instanceof PublishError) || err.kind !== 'auth_expired') throw err;
            credentials = await freshCredentials(deps.refresher, accountId, { staleAccessToken: credentials.accessToken });
            metrics = await adapter.metrics!({ account, credentials, externalIds });
          }
          collected += await save(deps.db, { rows: batch, metrics, now });
        } catch (err) {
          if (err instanceof PublishError && err.kind === 'rate_limited') {
            await deps.limiter.block({ platform: readScope, accountId, scope: err.limitScope ?? 'account', until: err.resetAt ?? new Date(Date.now() + 15 * 60_000) });
            postponed += rows.length - i;
            deps.logger.info({ accountId, resetAt: err.resetAt?.toISOString() }, 'metrics read rate limited: postponed');
          } else {
            failed += rows.length - i;
            deps.logger.warn({ accountId, err: err instanceof Error ? err.message : String(err) }, 'metrics read failed: will try again next run');
          }
          break;
        }
      }
    }
    if (due.length) deps.logger.info({ due: due.length, collected, postponed, failed }, 'collect metrics');
    return { collected, postponed, failed };
  };
}
