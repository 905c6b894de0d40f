// Where the parts under test live. Tests run from e2e/ (vitest) or from the
// compiled e2e/dist, so the repository root is found by walking up.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  if (process.env.SIDEKICK_REPO) return process.env.SIDEKICK_REPO;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'sidekick') {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the Sidekick repository root (set SIDEKICK_REPO)');
    dir = parent;
  }
}

export const repoRoot = findRoot();
export const cliPath = join(repoRoot, 'server', 'bin', 'sidekick.js');
export const venvPython = join(repoRoot, '.venv', 'bin', 'python');
/** The original sidekick-py 0.0.7 from PyPI, in a venv of its own (scripts/bootstrap.mjs). */
export const originalVenvPython = join(repoRoot, '.venv-original-sidekick', 'bin', 'python');
/** Files the e2e tests run (e.g. heroes written for the original library). */
export const fixturesDir = join(repoRoot, 'e2e', 'fixtures');
export const chromiumPath = process.env.SIDEKICK_CHROMIUM ?? '/usr/bin/chromium';
/** Screenshots and logs of failed runs go here (git-ignored). */
export const artifactsDir = join(repoRoot, 'e2e', 'artifacts');

export function examplePath(name: string): string {
  return join(repoRoot, 'examples', name.endsWith('.py') ? name : `${name}.py`);
}
