// Whether ui/dist holds a production build of the UI.
// `vite build` takes NODE_ENV from the environment when it is set, so a build
// started under vitest (NODE_ENV=test) bundles React's development code, and
// the pages then misbehave (the demo stayed on "Connecting…"). The UI's build
// script sets NODE_ENV=production itself (ui/package.json); this check catches
// a build that slipped past it: the bootstrap rebuilds, the browser tests refuse.
// Plain Node, no dependencies: the bootstrap imports it before `npm ci`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const uiDist = join(dirname(dirname(fileURLToPath(import.meta.url))), 'ui', 'dist');

// Strings that only React's development build, or only its production build, contains.
const DEVELOPMENT_ONLY = 'Maximum update depth exceeded';
const PRODUCTION_ONLY = 'Minified React error';

/** The code of the scripts index.html loads (its module script and modulepreloads). */
function pageCode(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
  return assets.map((asset) => (existsSync(join(dist, asset)) ? readFileSync(join(dist, asset), 'utf8') : '')).join('\n');
}

/**
 * What is wrong with the UI build in `dist`, with what to do; undefined when
 * it is a production build.
 * @param {string} [dist]
 * @returns {string | undefined}
 */
export function uiBuildProblem(dist = uiDist) {
  const fix = "run `npm run build` at the repository root (the bootstrap's build step, which `npm test` runs too)";
  if (!existsSync(join(dist, 'index.html'))) return `${dist} has no UI build: ${fix}`;
  const code = pageCode(dist);
  if (code.includes(DEVELOPMENT_ONLY) || !code.includes(PRODUCTION_ONLY)) {
    return `${dist} holds a development build of the UI (built with NODE_ENV other than production): ${fix}, which rebuilds it`;
  }
  return undefined;
}
