// `sidekick serve` as tests and benchmarks start it: a child process that is
// ready once it prints where it listens.
import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { repoRoot, sidekickCli } from './repo.js';

export interface Listening {
  /** http://host:port, no trailing slash. */
  url: string;
  port: number;
}

/** Either server of ours prints "… listening on http://host:port"; the bench forwarder too. */
const LISTENING = /listening on (http:\/\/[^\s/]+:(\d+))/;

/** Resolves once the child prints its listening line (stdout or stderr); rejects if it exits first or takes longer than `timeoutMs`. */
export function waitForListening(child: ChildProcess, name: string, timeoutMs = 20_000): Promise<Listening> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    timer.unref();
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, port: Number(match[2]) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${String(code)} before listening:\n${output}`));
    });
  });
}

/** SIGTERM, then SIGKILL if the child is still there after 3 s; resolves when it has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

export interface ServeOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** More `sidekick serve` arguments. */
  args?: readonly string[];
  /** Where stderr goes: piped (kept for the error message, the default) or inherited. */
  stderr?: 'pipe' | 'inherit';
}

export interface ServeProcess extends Listening {
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** `sidekick serve --port <port> --quiet`, resolved once it listens. */
export async function startSidekickServe(options: ServeOptions = {}): Promise<ServeProcess> {
  const args = [sidekickCli, 'serve', '--port', String(options.port ?? 0), '--quiet', ...(options.args ?? [])];
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', options.stderr ?? 'pipe'] });
  const stop = () => stopChild(child);
  try {
    const listening = await waitForListening(child, 'sidekick serve');
    return { ...listening, child, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** True when something on this machine accepts connections on `port` (127.0.0.1). */
export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
