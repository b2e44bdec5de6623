import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

// The baseline of the burst benchmark: bare BullMQ, no database, no claim, no adapter; the
// processor makes the same HTTP call to the emulator as Siar's X adapter would. Plain
// JavaScript run by node, like Siar's built worker (no tsx on either side).
const redis = new Redis(process.env.BENCH_REDIS_URL, { maxRetriesPerRequest: null });
const emulator = process.env.BENCH_EMULATOR_URL;
const worker = new Worker(
  'baseline',
  async (job) => {
    const res = await fetch(`${emulator}/2/tweets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${job.data.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: job.data.text }),
    });
    if (res.status !== 201) throw new Error(`emulator answered ${res.status}`);
    return Date.now();
  },
  { connection: redis, prefix: process.env.BENCH_PREFIX, concurrency: Number(process.env.BENCH_CONCURRENCY ?? 50) },
);
worker.on('ready', () => console.log('ready'));
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
