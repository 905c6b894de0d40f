// A child process the tests start and always stop: its own process group (so
// the CLI's Python child goes too), output kept for assertions and failures.
import { type ChildProcess, spawn } from 'node:child_process';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ManagedProcess {
  readonly child: ChildProcess;
  output = '';
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly label: string,
    command: string,
    args: string[],
    options: { cwd: string; env?: NodeJS.ProcessEnv },
  ) {
    this.child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const collect = (chunk: Buffer): void => {
      this.output += chunk.toString('utf8');
      for (const listener of this.listeners) listener();
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        for (const listener of this.listeners) listener();
        resolve(this.exit);
      });
      this.child.on('error', (error) => {
        this.output += `\n[spawn error] ${error.message}\n`;
        this.exit = { code: null, signal: null };
        resolve(this.exit);
      });
    });
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Resolve with the first match of `pattern` in the output (stdout+stderr). */
  waitForOutput(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const match = this.output.match(pattern);
        if (match) {
          done();
          resolve(match);
          return true;
        }
        if (this.exit) {
          done();
          reject(new Error(`${this.label} exited (${JSON.stringify(this.exit)}) before printing ${pattern}:\n${this.output}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.label} did not print ${pattern} within ${timeoutMs} ms:\n${this.output}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = (): void => {
        check();
      };
      if (!check()) this.listeners.add(listener);
    });
  }

  /** Wait for the process to end by itself; reject after the hang guard. */
  async waitForExit(timeoutMs = 20_000): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${this.label} did not exit within ${timeoutMs} ms:\n${this.output}`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, guard]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ctrl+C as a terminal sends it: SIGINT to the whole process group. */
  interrupt(): void {
    this.signalGroup('SIGINT');
  }

  /** Ctrl+C to the whole group, then SIGKILL if it lingers. Safe to call twice. */
  async stop(graceMs = 5_000): Promise<Exit> {
    if (this.exit) return this.exit;
    this.signalGroup('SIGINT');
    const timer = setTimeout(() => this.signalGroup('SIGKILL'), graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    // The CLI may have left children in the group (a started server, Python).
    this.signalGroup('SIGKILL');
    return exit;
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // The group is already gone.
    }
  }
}
