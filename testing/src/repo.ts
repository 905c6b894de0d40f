// Where the repository is: SIDEKICK_REPO, else the folder whose package.json
// is the root `sidekick` one (tests run from a workspace or from its dist/).
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

/** The `sidekick` command of this checkout (run it with `node`). */
export const sidekickCli = join(repoRoot, 'server', 'bin', 'sidekick.js');
