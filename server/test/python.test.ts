// Which Python `sidekick run` picks, and its advice when sidekick is missing
// there: real interpreters and real files, no stubs of the lookup itself.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { choosePython } from '../src/python.js';
import { startCli } from './cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'sidekick-python-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An executable file at dir/<path> (its content does not matter to the lookup). */
function executable(path: string, body = '#!/bin/sh\nexit 0\n'): string {
  const file = join(dir, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, body);
  chmodSync(file, 0o755);
  return file;
}

const venv = join(dir, 'venv');
const venvPython = executable('venv/bin/python');
const repo = join(dir, 'repo');
const repoPython = executable('repo/.venv/bin/python');
const pathPython3 = executable('path1/python3');
const pathPython = executable('path2/python');
const PATH = [join(dir, 'path1'), join(dir, 'path2')].join(':');

describe('choosePython', () => {
  it('takes $SIDEKICK_PYTHON first, then the active virtualenv, then the repository .venv, then python3, then python', () => {
    const all = { SIDEKICK_PYTHON: '/custom/python', VIRTUAL_ENV: venv, PATH };
    expect(choosePython(all, repo)).toEqual({ command: '/custom/python', source: '$SIDEKICK_PYTHON' });
    expect(choosePython({ VIRTUAL_ENV: venv, PATH }, repo).command).toBe(venvPython);
    expect(choosePython({ PATH }, repo)).toEqual({ command: repoPython, source: "the repository's .venv" });
    expect(choosePython({ PATH }, undefined)).toEqual({ command: pathPython3, source: 'python3 on PATH' });
    expect(choosePython({ PATH: join(dir, 'path2') }, undefined)).toEqual({ command: pathPython, source: 'python on PATH' });
  });

  it('outside the repository (the npm package) never looks for a .venv', () => {
    expect(choosePython({ PATH }, undefined).command).toBe(pathPython3);
  });

  it('skips a VIRTUAL_ENV that has no bin/python', () => {
    expect(choosePython({ VIRTUAL_ENV: join(dir, 'gone'), PATH }, undefined).command).toBe(pathPython3);
  });

  it('says how to get Python when there is none', () => {
    expect(() => choosePython({ PATH: join(dir, 'empty') }, undefined)).toThrow(/No Python found.*SIDEKICK_PYTHON/);
  });
});

describe('sidekick run with a Python that lacks the library', () => {
  it('stops before running the script and says the pip command for that Python', async () => {
    // A real CPython with no site-packages: `import sidekick` fails there.
    const bare = executable('bare/python', '#!/bin/sh\nexec python3 -I -S "$@"\n');
    const hero = join(dir, 'hero.py');
    writeFileSync(hero, 'open("ran.txt", "w")\n');
    const proc = startCli(['run', '--port', '0', '--exit', hero], { SIDEKICK_PYTHON: bare });
    expect(await proc.exited).toBe(1);
    expect(proc.stderr()).toContain(`sidekick: Python ${bare} (from $SIDEKICK_PYTHON) cannot import sidekick: the library is not installed there.`);
    expect(proc.stderr()).toContain(`Install it there with: ${bare} -m pip install sidekick-live`);
    // No server was started for a script that cannot run.
    expect(proc.stdout()).not.toContain('listening');
  });
});
