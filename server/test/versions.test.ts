// One version number for every package (scripts/version.mjs): the repository
// agrees with itself and with `sidekick --version`, and the bump script
// changes every place at once (on a copy of the files, not the repository).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './cli-process.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const script = join(repo, 'scripts', 'version.mjs');
const FILES = [
  'package.json',
  'package-lock.json',
  ...['protocol', 'relay', 'testing', 'server', 'worker', 'ui', 'e2e', 'bench', 'vscode'].map((w) => `${w}/package.json`),
  'python/pyproject.toml',
  'python/src/sidekick/_version.py',
  'ui/src/messages/outgoing.ts',
];

const copy = mkdtempSync(join(tmpdir(), 'sidekick-version-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));
for (const file of FILES) cpSync(join(repo, file), join(copy, file), { recursive: true });

function versionScript(...args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { status: result.status, out: result.stdout.trim(), err: result.stderr };
}

describe('one version number', () => {
  it('every package of the repository has the same version, and sidekick --version prints it', () => {
    const check = versionScript('--check');
    expect(check.err).toBe('');
    expect(check.status).toBe(0);
    expect(check.out).toMatch(/^\d+\.\d+\.\d+/);
    const cli = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(cli.stdout.trim()).toBe(check.out);
  });

  it('the bump script sets a new version everywhere', () => {
    const old = versionScript('--check', '--root', copy).out;
    const bumped = versionScript('9.8.7', '--root', copy);
    expect(bumped).toMatchObject({ status: 0, out: '9.8.7' });
    for (const file of FILES) {
      const text = readFileSync(join(copy, file), 'utf8');
      expect(text, file).toContain('9.8.7');
      // The lock also lists third-party packages, whose versions stay.
      if (file !== 'package-lock.json') expect(text, file).not.toContain(old);
    }
    const lock = JSON.parse(readFileSync(join(copy, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    expect(lock.packages['server']?.version).toBe('9.8.7');
  });

  it('names the places that disagree, and refuses a malformed version', () => {
    const file = join(copy, 'python', 'src', 'sidekick', '_version.py');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/__version__ = "[^"]+"/, '__version__ = "1.2.3"'));
    const check = versionScript('--check', '--root', copy);
    expect(check.status).toBe(1);
    expect(check.err).toContain('the versions disagree');
    expect(check.err).toContain('python/src/sidekick/_version.py: 1.2.3');
    expect(versionScript('v3', '--root', copy).err).toContain('"v3" is not a version like 0.3.0');
  });
});
