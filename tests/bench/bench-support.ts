import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis } from '../../server/src/launcher/private-redis';

export interface TLatency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latencyOf(values: number[]): TLatency {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  return { p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
export function peakRssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 102.4) / 10 : undefined;
  } catch {
    return undefined;
  }
}

/** A private redis-server for one scenario, with Siar's production settings. */
export async function benchRedis() {
  const dir = mkdtempSync(join(tmpdir(), 'siar-bench-redis-'));
  const redis = await startPrivateRedis({ dataDir: dir, bin: 'redis-server', log: () => undefined, env: process.env, quiet: true });
  return {
    url: redis.url,
    async stop() {
      await redis.process.stop(5000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `BENCH_PROFILE_DIR=/tmp/p`: Siar's server and worker processes write V8 CPU profiles there when they stop. */
export const profileArgs = (): string[] => (process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []);

/** The server as deployed: its bundle, built from the current source (as npm start and start:server do); node's arguments to run it. */
export async function serverArgs(): Promise<string[]> {
  const { buildServer } = (await import(new URL('../../server/build.mjs', import.meta.url).href)) as { buildServer: () => Promise<string> };
  return [...profileArgs(), '--enable-source-maps', await buildServer()];
}
