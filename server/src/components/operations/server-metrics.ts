import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { freshWorkers, type TDatabase } from '@siar/shared/node';

/**
 * The server's /metrics: its own process, plus what anyone watching publishing needs
 * (queue depth, the oldest overdue delivery, live workers), read at scrape time through
 * indexed queries.
 */
export function createServerMetrics(deps: { db: TDatabase; redis: Redis; queues: Queue[]; prefix: string }): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'siar_server_' });
  new Gauge({
    name: 'siar_queue_jobs',
    help: 'Jobs in each BullMQ state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const q of deps.queues) {
        const counts = await q.getJobCounts('wait', 'delayed', 'active', 'failed', 'prioritized').catch(() => ({}) as Record<string, number>);
        for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
      }
    },
  });
  new Gauge({
    name: 'siar_oldest_overdue_delivery_seconds',
    help: 'Age of the oldest scheduled delivery past its time (0 when none)',
    registers: [registry],
    async collect() {
      const now = new Date().toISOString();
      const row = await deps.db.selectFrom('delivery').select('scheduled_at').where('status', '=', 'scheduled').where('scheduled_at', '<', now).orderBy('scheduled_at').limit(1).executeTakeFirst();
      this.set(row?.scheduled_at ? (Date.now() - Date.parse(row.scheduled_at)) / 1000 : 0);
    },
  });
  new Gauge({
    name: 'siar_deliveries_needing_attention',
    help: 'Deliveries a person must look at, by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      for (const status of ['failed', 'unconfirmed', 'missed', 'publishing']) {
        const row = await deps.db.selectFrom('delivery').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', status).executeTakeFirst();
        this.set({ status }, Number(row?.n ?? 0));
      }
    },
  });
  new Gauge({
    name: 'siar_workers_alive',
    help: 'Workers whose heartbeat is fresh',
    registers: [registry],
    async collect() {
      this.set(await freshWorkers(deps.redis, deps.prefix).catch(() => 0));
    },
  });
  return registry;
}
