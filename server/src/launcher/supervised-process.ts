import { type ChildProcess, spawn } from 'node:child_process';

export interface TSupervisedOptions {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Called with each line the process prints on stdout (e.g. to read its port). */
  onLine?: (line: string) => void;
  log: (message: string) => void;
  /** Echo the child's output to ours (default); tests keep a private Redis quiet. */
  echo?: boolean;
  /**
   * Its own process group: a Ctrl-C or a group-wide SIGTERM then reaches only the launcher,
   * which stops this child itself, last (Redis must outlive the worker finishing its jobs).
   */
  ownGroup?: boolean;
}

/**
 * Runs a child and restarts it when it dies on its own, with backoff (1 s, 2 s, … 30 s,
 * reset after a minute of good health), as systemd would in production.
 */
export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private stopping = false;
  private failures = 0;
  private startedAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: TSupervisedOptions) {}

  start(): void {
    const { command, args, env, cwd, name } = this.options;
    this.startedAt = Date.now();
    const echo = this.options.echo ?? true;
    const child = spawn(command, args, { env, cwd, detached: this.options.ownGroup ?? false, stdio: ['ignore', 'pipe', echo ? 'inherit' : 'ignore'] });
    this.child = child;
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      if (echo) process.stdout.write(chunk);
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) this.options.onLine?.(line);
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      if (this.stopping) return;
      this.failures = Date.now() - this.startedAt > 60_000 ? 1 : this.failures + 1;
      const delay = Math.min(1000 * 2 ** (this.failures - 1), 30_000);
      this.options.log(`${name} exited (${signal ?? `code ${code}`}); restarting in ${delay / 1000} s`);
      this.restartTimer = setTimeout(() => this.start(), delay);
    });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** No more restarts: called for every child as soon as shutdown begins. */
  halt(): void {
    this.stopping = true;
    clearTimeout(this.restartTimer);
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 30_000): Promise<void> {
    this.halt();
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
