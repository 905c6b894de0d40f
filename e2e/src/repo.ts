// Where the parts under test live (the repository root and Chromium come
// from @sidekick/testing).
import { join } from 'node:path';
import { chromiumPath, repoRoot, sidekickCli } from '@sidekick/testing';

export { chromiumPath, repoRoot };
export const cliPath = sidekickCli;
export const venvPython = join(repoRoot, '.venv', 'bin', 'python');
/** The original sidekick-py 0.0.7 from PyPI, in a venv of its own (scripts/bootstrap.mjs). */
export const originalVenvPython = join(repoRoot, '.venv-original-sidekick', 'bin', 'python');
/** Files the e2e tests run (e.g. heroes written for the original library). */
export const fixturesDir = join(repoRoot, 'e2e', 'fixtures');
/** Screenshots and logs of failed runs go here (git-ignored). */
export const artifactsDir = join(repoRoot, 'e2e', 'artifacts');

export function examplePath(name: string): string {
  return join(repoRoot, 'examples', name.endsWith('.py') ? name : `${name}.py`);
}
