// The UI build is a production build even when it is started from a test:
// vitest runs with NODE_ENV=test, which `vite build` would otherwise follow
// and leave React's development build in ui/dist (scripts/ui-build.mjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uiBuildProblem } from '../../scripts/ui-build.mjs';
import { repoRoot } from '../src/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'sidekick-ui-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Builds the UI into `outDir` (never ui/dist) with NODE_ENV=test in the environment. */
function buildUnderTest(outDir: string, command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, [...args, '--outDir', outDir, '--emptyOutDir'], {
    cwd,
    env: { ...process.env, NODE_ENV: 'test' },
    encoding: 'utf8',
  });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
}

describe('the UI build', () => {
  it('the build script makes a production build under NODE_ENV=test', { timeout: 180_000 }, () => {
    const outDir = join(scratch, 'script');
    buildUnderTest(outDir, 'npm', ['run', 'build', '-w', 'ui', '--'], repoRoot);
    expect(uiBuildProblem(outDir)).toBeUndefined();
  });

  it('the check refuses a development build and says how to rebuild', { timeout: 180_000 }, () => {
    // What the leak made: `vite build` run directly, following NODE_ENV=test.
    const outDir = join(scratch, 'development');
    buildUnderTest(outDir, join(repoRoot, 'node_modules', '.bin', 'vite'), ['build'], join(repoRoot, 'ui'));
    expect(uiBuildProblem(outDir)).toMatch(/holds a development build of the UI.*run `npm run build`/);
    expect(uiBuildProblem(join(scratch, 'nothing'))).toMatch(/has no UI build: run `npm run build`/);
  });
});
