// The real local parts: `sidekick serve` and `sidekick run` from server/bin,
// each example run by the venv's Python through the CLI.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, examplePath, fixturesDir, originalVenvPython, repoRoot } from './repo.js';
import { ManagedProcess } from './process.js';

/**
 * The heroes' state folder (their remembered session ids, session.json): one
 * per test run, so tests neither read nor write the user's own.
 */
export const heroStateDir = mkdtempSync(join(tmpdir(), 'sidekick-e2e-state-'));

export interface LocalServer {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** Start `sidekick serve --port <port>` (0: any free port) and wait for its listening line. */
export async function startServer(port = 0): Promise<LocalServer> {
  const server = new ManagedProcess('sidekick serve', process.execPath, [cliPath, 'serve', '--port', String(port)], {
    cwd: repoRoot,
  });
  try {
    const match = await server.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:(\d+))/);
    const url = match[1] ?? '';
    return {
      url,
      port: Number(match[2]),
      process: server,
      stop: async () => {
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export interface RunOptions {
  /** Port of a running local server for the CLI to reuse. */
  port: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Run an example with `sidekick run --port P --exit`: the CLI sets
 * SIDEKICK_URL for the script and exits with the script's exit code.
 */
export function runExample(name: string, options: RunOptions): ManagedProcess {
  return new ManagedProcess(
    `sidekick run ${name}`,
    process.execPath,
    [cliPath, 'run', '--port', String(options.port), '--exit', examplePath(name)],
    { cwd: repoRoot, env: { PYTHONUNBUFFERED: '1', SIDEKICK_STATE_DIR: heroStateDir, ...options.env } },
  );
}

/** Run a Python file (not through the CLI) with the venv's interpreter. */
export function runPython(label: string, args: string[], env: NodeJS.ProcessEnv): ManagedProcess {
  return new ManagedProcess(label, `${repoRoot}/.venv/bin/python`, args, {
    cwd: repoRoot,
    env: { PYTHONUNBUFFERED: '1', SIDEKICK_STATE_DIR: heroStateDir, ...env },
  });
}

/**
 * Run a Python file as `python script.py` would on a machine whose local
 * server is `port`: no SIDEKICK_URL, so the program gets its own session there.
 */
export function runLocalHero(label: string, script: string, port: number, env: NodeJS.ProcessEnv = {}): ManagedProcess {
  return runPython(label, [script], { SIDEKICK_URL: '', SIDEKICK_LOCAL_URL: `ws://127.0.0.1:${port}`, ...env });
}

/**
 * Run e2e/fixtures/original-hero/hero.py with the ORIGINAL sidekick-py 0.0.7
 * (PyPI) against a running server: launch.py points that library at
 * ws://127.0.0.1:<port> and prints every `error` the UI sends back.
 */
export function runOriginalHero(port: number): ManagedProcess {
  if (!existsSync(originalVenvPython)) {
    throw new Error(
      `${originalVenvPython} is missing: the original sidekick-py is installed by ` +
        '`node scripts/bootstrap.mjs --original-sidekick` (npm test does it).',
    );
  }
  return new ManagedProcess(
    'original sidekick-py hero',
    originalVenvPython,
    [join(fixturesDir, 'original-hero', 'launch.py'), `ws://127.0.0.1:${port}`],
    { cwd: repoRoot, env: { PYTHONUNBUFFERED: '1' } },
  );
}
