// The server package's own version and location, read once at start-up.
// Two layouts: the repository (server/dist/src/*.js, the UI in ui/dist) and
// the npm package built by scripts/package-npm.mjs (dist/src/*.js at the
// same depth, the UI copied to ui/ beside dist/).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** server/ in the repository, the package root when installed from npm. */
export const serverPackageDir = fileURLToPath(new URL('../../', import.meta.url));

const packagedUiDir = join(serverPackageDir, 'ui');

/** True when running from the npm package (it carries the UI build in ui/). */
export const isPackaged = existsSync(join(packagedUiDir, 'index.html'));

/** The repository root (server/..), or undefined when running from the npm package. */
export const repoDir: string | undefined = isPackaged ? undefined : fileURLToPath(new URL('../../../', import.meta.url));

/** The UI build this server serves by default: $SIDEKICK_UI_DIR, the package's ui/, or <repo>/ui/dist. */
export const bundledUiDir: string =
  process.env.SIDEKICK_UI_DIR ?? (repoDir === undefined ? packagedUiDir : join(repoDir, 'ui', 'dist'));

export const serverVersion: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
