import type { TDatabase, TKeyRing, TLogger, TPlatformAdapter, TPublishQueue, TRefresherDeps } from '@siar/shared/node';
import type { TWorkerMetrics } from '../libraries/metrics';
import type { TRateLimiter } from '../libraries/rate-limiter';

/** What every job handler of the worker is given. */
export interface TWorkerDeps {
  db: TDatabase;
  ring: TKeyRing;
  adapters: ReadonlyMap<string, TPlatformAdapter>;
  logger: TLogger;
  limiter: TRateLimiter;
  /** Single-flight token refresh across processes. */
  refresher: TRefresherDeps;
  publishQueue: TPublishQueue;
  metrics: TWorkerMetrics;
  maxAttempts: number;
  /** Where uploaded media files are (DATA_DIR/media). */
  mediaDir: string;
  /** A signed public address of a media file (when PUBLIC_BASE_URL is set), for platforms that fetch media. */
  mediaUrl?: ((mediaId: string) => string) | undefined;
  /** First retry delay after a transient error. */
  retryBaseMs: number;
  /** A delivery later than this past its time is `missed`, never published automatically. */
  maxLatenessMs: number;
  /** How long a lease may be held before read-back decides; longer than any request timeout. */
  settleMs: number;
}
