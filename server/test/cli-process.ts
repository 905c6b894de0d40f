// Starts the real `sidekick` command (node server/bin/sidekick.js) for tests,
// collects its output and makes sure it is stopped afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/sidekick.js', import.meta.url));
const LISTENING = /^Sidekick server listening on http:\/\/(\S+):(\d+)$/m;

export interface CliProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (128+n for a signal). */
  readonly exited: Promise<number>;
  /** Resolves with host and port once the listening line is printed. */
  listening(): Promise<{ host: string; port: number }>;
  /** Resolves once stdout matches. */
  waitForStdout(pattern: RegExp): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

const running = new Set<CliProcess>();

/** Servers' key files go here, not into the user's own state folder. */
export const TEST_KEY_DIR = mkdtempSync(join(tmpdir(), 'sidekick-keys-'));

/** `shared`: not stopped by stopAll (a describe's beforeAll process); stop it yourself. */
export function startCli(args: string[], env: Record<string, string> = {}, shared = false): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, SIDEKICK_KEY_DIR: TEST_KEY_DIR, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const watchers = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...watchers]) w();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve(code ?? (signal === 'SIGKILL' ? 137 : signal === 'SIGTERM' ? 143 : 130));
      for (const w of [...watchers]) w();
    });
  });
  let ended = false;
  void exited.then(() => (ended = true));
  const waitForStdout = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(out);
        if (match) {
          watchers.delete(check);
          resolve(match);
        } else if (ended) {
          watchers.delete(check);
          reject(new Error(`sidekick exited before printing ${pattern}; stdout: ${out} stderr: ${err}`));
        }
      };
      watchers.add(check);
      check();
    });
  const proc: CliProcess = {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStdout,
    listening: async () => {
      const match = await waitForStdout(LISTENING);
      return { host: match[1]!, port: Number(match[2]) };
    },
    stop: async () => {
      running.delete(proc);
      if (!ended) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  if (!shared) running.add(proc);
  return proc;
}

/** Kills every process a test started and did not stop. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}
