#!/usr/bin/env node
// Build the `sidekick-live` npm package in build/npm and pack it:
//   npm run package:npm [-- --pack-destination DIR]
// The package needs nothing from this repository at install time: the server
// and CLI are bundled by esbuild (ws and the relay core included), and the UI
// build (with the playground and the Pyodide runtime) is copied to ui/.
// Run after `npm run build` (tsc -b and the UI build).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { uiBuildProblem } from './ui-build.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
export const NPM_NAME = 'sidekick-live';
const out = join(root, 'build', 'npm');
const serverDist = join(root, 'server', 'dist', 'src');
const uiDist = join(root, 'ui', 'dist');

function need(path, what) {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${what}`);
}

/** The package.json users install: no dependencies, two names for one command. */
function manifest() {
  const server = JSON.parse(readFileSync(join(root, 'server', 'package.json'), 'utf8'));
  return {
    name: NPM_NAME,
    version: server.version,
    description: "Sidekick's local server, CLI and UI: make a Python program's behaviour visible while it runs.",
    license: 'MIT',
    keywords: ['python', 'education', 'visualization', 'sidekick'],
    type: 'module',
    engines: { node: '>=20.19' },
    // `npx sidekick-live run x.py` picks the bin named like the package; an
    // installed package also answers to `npx sidekick`.
    bin: { [NPM_NAME]: './bin/sidekick.js', sidekick: './bin/sidekick.js' },
    exports: { '.': { types: './dist/src/index.d.ts', default: './dist/src/index.js' } },
    files: ['bin', 'dist', 'ui', 'README.md'],
  };
}

/** The server's .d.ts files, with the relay's beside them (it is bundled, not a dependency). */
function copyTypes() {
  const relayTypes = join(root, 'relay', 'dist', 'src');
  const copyDts = (from, to, rewrite) => {
    mkdirSync(to, { recursive: true });
    for (const file of readdirSync(from).filter((f) => f.endsWith('.d.ts'))) {
      writeFileSync(join(to, file), rewrite(readFileSync(join(from, file), 'utf8')));
    }
  };
  copyDts(serverDist, join(out, 'dist', 'src'), (text) => text.replaceAll("from '@sidekick/relay'", "from '../relay/index.js'"));
  copyDts(relayTypes, join(out, 'dist', 'relay'), (text) => text);
}

export async function buildPackage() {
  need(join(serverDist, 'cli.js'), 'run `npm run build` first');
  need(join(uiDist, 'index.html'), 'run `npm run build` first');
  const problem = uiBuildProblem(uiDist); // never ship a development build
  if (problem) throw new Error(problem);
  need(join(uiDist, 'playground.html'), 'the UI build has no playground');
  need(join(uiDist, 'pyodide', 'pyodide.asm.wasm'), 'the UI build has no Pyodide runtime');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'bin'), { recursive: true });
  await build({
    entryPoints: [join(serverDist, 'cli.js'), join(serverDist, 'index.js')],
    outdir: join(out, 'dist', 'src'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // ws is CommonJS and require()s Node built-ins; an ES module has no require.
    banner: { js: "import { createRequire as __skCreateRequire } from 'node:module'; const require = __skCreateRequire(import.meta.url);" },
    // ws uses these native add-ons only when they are installed.
    external: ['bufferutil', 'utf-8-validate'],
    logLevel: 'warning',
  });
  copyTypes();
  writeFileSync(join(out, 'bin', 'sidekick.js'), "#!/usr/bin/env node\n// The `sidekick` command.\nimport '../dist/src/cli.js';\n", {
    mode: 0o755,
  });
  cpSync(uiDist, join(out, 'ui'), { recursive: true });
  cpSync(join(root, 'server', 'PACKAGE.md'), join(out, 'README.md'));
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest(), null, 2)}\n`);
  return out;
}

/** `npm pack` the built package; returns the tarball's path. */
export function packPackage(destination) {
  mkdirSync(destination, { recursive: true });
  const result = spawnSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: out, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
  const [{ filename }] = JSON.parse(result.stdout);
  return join(destination, filename);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--pack-destination');
  const destination = at > 0 ? process.argv[at + 1] : join(root, 'build');
  try {
    await buildPackage();
    console.log(packPackage(destination));
  } catch (error) {
    console.error(`[package-npm] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
