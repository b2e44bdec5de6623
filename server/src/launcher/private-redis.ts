import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { freePort } from './free-port';
import { SupervisedProcess } from './supervised-process';

const HOW_TO_GET_REDIS =
  'Siar needs Redis 7. Either set REDIS_URL=redis://host:port to a Redis with appendonly yes and ' +
  'maxmemory-policy noeviction, or install redis-server (Debian/Ubuntu: sudo apt-get install redis-server; ' +
  'macOS: brew install redis) and run npm start again.';

function hasBinary(bin: string): boolean {
  return spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Finds redis-server; as root on Debian installs it, elsewhere explains how to get it. */
export function ensureRedisBinary(bin: string, log: (m: string) => void, env: NodeJS.ProcessEnv): void {
  if (hasBinary(bin)) return;
  const root = process.getuid?.() === 0;
  if (root && existsSync('/etc/debian_version') && bin === 'redis-server') {
    log('redis-server is missing; installing it with apt-get…');
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: aptEnv });
    spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env: aptEnv });
    if (hasBinary(bin)) return;
  }
  throw new Error(HOW_TO_GET_REDIS);
}

/** A redis-server left behind by a launcher that was killed outright: stop it before reuse. */
function stopStaleRedis(pidFile: string): void {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const cmdline = `/proc/${pid}/cmdline`;
  if (pid > 0 && existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes('redis-server')) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    for (let i = 0; i < 50 && existsSync(cmdline); i++) spawnSync('sleep', ['0.1']);
  }
  rmSync(pidFile, { force: true });
}

export function pingRedis(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * A private, supervised redis-server with the settings Siar relies on: AOF persistence
 * (appendonly yes), no eviction of queue keys, and hz 100 for punctual delayed jobs.
 * Data lives under `<dataDir>/redis`, so a second start reuses the queue.
 */
export async function startPrivateRedis(options: { dataDir: string; bin: string; log: (m: string) => void; env: NodeJS.ProcessEnv; quiet?: boolean }): Promise<{ url: string; process: SupervisedProcess }> {
  ensureRedisBinary(options.bin, options.log, options.env);
  const dir = join(options.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, 'redis.pid');
  stopStaleRedis(pidFile);
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--hz', '100', '--save', '', '--pidfile', pidFile, '--daemonize', 'no', '--loglevel', 'warning'];
  const redis = new SupervisedProcess({ name: 'redis-server', command: options.bin, args, env: options.env, cwd: dir, log: options.log, echo: !options.quiet, ownGroup: true });
  redis.start();
  for (let i = 0; i < 100; i++) {
    if (await pingRedis(port)) return { url: `redis://127.0.0.1:${port}`, process: redis };
    await new Promise((r) => setTimeout(r, 100));
  }
  await redis.stop(2000);
  throw new Error(`redis-server did not answer on port ${port} within 10 s`);
}
