import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root (tests/support/ → ../../). */
export const repoRoot = new URL('../..', import.meta.url).pathname;

/** A port nobody listens on right now (the OS picks it). */
export function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One live process of the machine: its pid, process group and command line. */
interface TProcessLine {
  pid: number;
  pgid: number;
  args: string;
}

function listProcesses(): TProcessLine[] {
  const out = spawnSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' }).stdout;
  const rows: TProcessLine[] = [];
  for (const line of out.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    // A zombie has already exited; it only waits for its parent to reap it.
    if (match?.[1] && match[2] && match[3] && match[4] !== undefined && !match[3].startsWith('Z')) rows.push({ pid: Number(match[1]), pgid: Number(match[2]), args: match[4] });
  }
  return rows;
}

export interface TSiarInstance {
  url: string;
  emulatorUrl: string;
  dataDir: string;
  logFile: string;
  child: ChildProcess;
  /** The last lines the launcher (and everything it started) printed. */
  logTail: (lines?: number) => string;
  /**
   * SIGTERM to the launcher's process group, wait for the launcher to exit (SIGKILL the group
   * after `graceMs`), and report what is left: processes whose command line names the data dir
   * or that still belong to the group. Safe to call twice and after a failed start.
   */
  stop: (graceMs?: number) => Promise<{ exitedGracefully: boolean; exitCode: number | null; signal: NodeJS.Signals | null; leftovers: string[] }>;
  /** Removes the data dir (screenshots and log included). */
  removeDataDir: () => void;
}

export interface TStartOptions {
  adminPassword: string;
  /** How long to wait for GET /healthz (default 180 s). */
  readyTimeoutMs?: number;
}

/**
 * Boots the whole app exactly as `npm start` does (server/bin/start.mjs) in its own process
 * group, on free ports, with a fresh data directory, capturing all output to a log file there.
 */
export async function startSiar(options: TStartOptions): Promise<TSiarInstance> {
  const port = await pickFreePort();
  let emulatorPort = await pickFreePort();
  while (emulatorPort === port) emulatorPort = await pickFreePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'siar-e2e-'));
  const logFile = join(dataDir, 'siar.log');
  const logFd = openSync(logFile, 'a');
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), X_EMULATOR_PORT: String(emulatorPort), DATA_DIR: dataDir, SIAR_ADMIN_PASSWORD: options.adminPassword };
  // Whatever the runner's environment says, this instance runs on its own parts, in demo mode.
  for (const name of ['REDIS_URL', 'DATABASE_URL', 'SIAR_DEMO', 'X_CLIENT_ID', 'SIAR_ENCRYPTION_KEY']) delete env[name];
  const child = spawn(process.execPath, ['server/bin/start.mjs'], { cwd: repoRoot, detached: true, stdio: ['ignore', logFd, logFd], env });
  closeSync(logFd);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((info) => (exitInfo = info));

  const logTail = (lines = 60) => {
    if (!existsSync(logFile)) return '(no log)';
    return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
  };

  const pgid = child.pid;
  const killGroup = (signal: NodeJS.Signals) => {
    if (!pgid) return;
    try {
      process.kill(-pgid, signal);
    } catch {
      /* the group is gone */
    }
  };

  let stopped: ReturnType<TSiarInstance['stop']> | undefined;
  const stop: TSiarInstance['stop'] = (graceMs = 40_000) => {
    stopped ??= (async () => {
      let exitedGracefully = true;
      if (!exitInfo) {
        killGroup('SIGTERM');
        const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
        if (timedOut) {
          exitedGracefully = false;
          killGroup('SIGKILL');
          await Promise.race([exited, sleep(5_000)]);
        }
      }
      // Children that outlive the launcher for a moment get a short grace. Few children name the
      // data dir on their command line (redis-server even rewrites its title), so membership of
      // the launcher's process group counts too.
      const leftoversNow = () => listProcesses().filter((p) => p.pid !== process.pid && (p.args.includes(dataDir) || p.pgid === pgid));
      for (let i = 0; i < 30 && leftoversNow().length > 0; i++) await sleep(100);
      const leftovers = leftoversNow().map((p) => `${p.pid} (pgid ${p.pgid}) ${p.args}`);
      if (leftovers.length > 0) {
        // Last resort, so one failed run does not leave processes behind for the next.
        killGroup('SIGKILL');
        for (const p of listProcesses()) {
          if (p.args.includes(dataDir) && p.pid !== process.pid) {
            try {
              process.kill(p.pid, 'SIGKILL');
            } catch {
              /* gone */
            }
          }
        }
      }
      return { exitedGracefully, exitCode: exitInfo?.code ?? null, signal: exitInfo?.signal ?? null, leftovers };
    })();
    return stopped;
  };

  const instance: TSiarInstance = {
    url: `http://127.0.0.1:${port}`,
    emulatorUrl: `http://127.0.0.1:${emulatorPort}`,
    dataDir,
    logFile,
    child,
    logTail,
    stop,
    removeDataDir: () => rmSync(dataDir, { recursive: true, force: true }),
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  for (;;) {
    if (exitInfo) throw new Error(`the launcher exited before it was healthy (${exitInfo.signal ?? `code ${exitInfo.code}`}):\n${logTail()}`);
    try {
      const res = await fetch(`${instance.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`GET /healthz did not answer 200 within ${(options.readyTimeoutMs ?? 180_000) / 1000} s:\n${logTail()}`);
    await sleep(250);
  }
  return instance;
}

/**
 * The private Redis the launcher started for this instance (it prints its URL once), so a test
 * can look at the queue as the worker sees it; undefined when the launcher used another Redis.
 */
export function privateRedisUrl(instance: TSiarInstance): string | undefined {
  if (!existsSync(instance.logFile)) return undefined;
  return /private redis-server at (redis:\/\/[^\s]+)/.exec(readFileSync(instance.logFile, 'utf8'))?.[1];
}
