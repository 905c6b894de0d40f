#!/usr/bin/env node
// Build the extension into dist/ and ui/ (both ignored by git):
//   dist/src/extension.cjs  the extension host code with the local server
//                           (@sidekick/server, ws and the relay core) bundled in;
//   ui/                     the UI build's page and assets, without the
//                           playground and Pyodide (the panel does not use them).
// Run after `npm run build` at the root (tsc -b and the UI build).
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { uiBuildProblem } from '../scripts/ui-build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const uiDist = join(here, '..', 'ui', 'dist');

export async function buildExtension() {
  const problem = uiBuildProblem(uiDist); // missing, or a development build: never ship it
  if (problem) throw new Error(problem);
  rmSync(join(here, 'dist'), { recursive: true, force: true });
  await build({
    entryPoints: [join(here, 'src', 'extension.ts')],
    outfile: join(here, 'dist', 'src', 'extension.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
    // The server finds its package.json and UI folder from its own module URL
    // (server/src/version.ts): dist/src/ → the extension's package.json and ui/.
    define: { 'import.meta.url': '__skModuleUrl' },
    banner: { js: "const __skModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
  });
  const ui = join(here, 'ui');
  rmSync(ui, { recursive: true, force: true });
  mkdirSync(join(ui, 'assets'), { recursive: true });
  cpSync(join(uiDist, 'index.html'), join(ui, 'index.html'));
  for (const file of readdirSync(join(uiDist, 'assets')).filter((f) => !f.startsWith('playground') && !f.startsWith('worker'))) {
    cpSync(join(uiDist, 'assets', file), join(ui, 'assets', file));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildExtension();
}
