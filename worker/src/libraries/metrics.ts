import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The worker's Prometheus metrics; scraped from its /metrics port. */
export function createWorkerMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'siar_worker_' });
  return {
    registry,
    deliveries: new Counter({ name: 'siar_deliveries_total', help: 'Deliveries by outcome of a publish or read-back step', labelNames: ['platform', 'outcome'], registers: [registry] }),
    lateness: new Histogram({
      name: 'siar_publish_lateness_seconds',
      help: 'published_at minus scheduled_at',
      labelNames: ['platform'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    }),
    rateLimitWaits: new Counter({ name: 'siar_rate_limit_waits_total', help: 'Jobs delayed to respect a platform limit', labelNames: ['platform', 'source'], registers: [registry] }),
    refreshes: new Counter({ name: 'siar_token_refreshes_total', help: 'Token refreshes by outcome', labelNames: ['platform', 'outcome'], registers: [registry] }),
    readBacks: new Counter({ name: 'siar_read_backs_total', help: 'Read-backs by result', labelNames: ['platform', 'result'], registers: [registry] }),
  };
}
export type TWorkerMetrics = ReturnType<typeof createWorkerMetrics>;
