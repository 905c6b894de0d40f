// Which Python `sidekick run` uses, and whether the sidekick library is in it.
// A user expects: $SIDEKICK_PYTHON, else the active virtualenv, else (only
// when running from the repository) its .venv, else python3 / python on PATH.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CliError } from './start.js';
import { repoDir } from './version.js';

/** The distribution name on PyPI (the import name is `sidekick`). */
export const PYPI_NAME = 'sidekick-live';

export interface PythonChoice {
  command: string;
  /** Why this one, for messages: "$SIDEKICK_PYTHON", "the active virtualenv", ... */
  source: string;
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** A virtual environment's interpreter (Scripts\\python.exe on Windows). */
function venvPython(dir: string): string {
  return process.platform === 'win32' ? join(dir, 'Scripts', 'python.exe') : join(dir, 'bin', 'python');
}

export function choosePython(env: NodeJS.ProcessEnv = process.env, repo: string | undefined = repoDir): PythonChoice {
  if (env.SIDEKICK_PYTHON) return { command: env.SIDEKICK_PYTHON, source: '$SIDEKICK_PYTHON' };
  if (env.VIRTUAL_ENV) {
    const python = venvPython(env.VIRTUAL_ENV);
    if (existsSync(python)) return { command: python, source: `the active virtualenv (${env.VIRTUAL_ENV})` };
  }
  if (repo !== undefined) {
    const python = venvPython(join(repo, '.venv'));
    if (existsSync(python)) return { command: python, source: "the repository's .venv" };
  }
  for (const name of ['python3', 'python']) {
    const found = onPath(name, env);
    if (found) return { command: found, source: `${name} on PATH` };
  }
  throw new CliError(
    'No Python found: neither python3 nor python is on PATH. Install Python 3.9 or newer, ' +
      'or set SIDEKICK_PYTHON to the Python that should run your script.',
    127,
  );
}

/**
 * Fail with what to do when `python` cannot import sidekick, before the
 * script runs (a traceback from deep inside it would say much less).
 */
export function checkSidekickImport(python: PythonChoice, env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(python.command, ['-c', 'import sidekick'], { encoding: 'utf8', env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'not found' : result.error.message;
    throw new CliError(
      `Cannot start Python (${python.command}): ${what}. It came from ${python.source}; ` +
        `set SIDEKICK_PYTHON to a Python that has ${PYPI_NAME} installed.`,
      127,
    );
  }
  if (result.status === 0) return;
  const missing = /ModuleNotFoundError: No module named 'sidekick'/.test(result.stderr);
  const why = missing ? 'the library is not installed there' : `import sidekick failed:\n${result.stderr.trim()}`;
  throw new CliError(
    `Python ${python.command} (from ${python.source}) cannot import sidekick: ${why}.\n` +
      `Install it there with: ${python.command} -m pip install ${PYPI_NAME}\n` +
      `or use a virtualenv: python3 -m venv .venv && . .venv/bin/activate && pip install ${PYPI_NAME}\n` +
      '(or set SIDEKICK_PYTHON to a Python that has it).',
    1,
  );
}
