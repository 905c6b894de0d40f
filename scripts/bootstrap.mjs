#!/usr/bin/env node
// Bring a fresh clone (or a stale one) to a working state: npm packages, the
// Python venv, Chromium for the browser tests, the original sidekick-py from
// PyPI for the compatibility test, the websockets wheel for the offline
// install test, and the TypeScript/UI builds.
// Idempotent: each step keeps a stamp and is skipped when nothing changed.
// Uses only Node's standard library, because it runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from './code-server.mjs';
import { uiBuildProblem } from './ui-build.mjs';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));
export const venvPython = join(root, '.venv', 'bin', 'python');
export const chromiumPath = process.env.SIDEKICK_CHROMIUM ?? '/usr/bin/chromium';
// The original Sidekick library pins websockets==13.1, so it gets a venv of its
// own; e2e/test/original-hero.test.ts runs a hero written against it.
const ORIGINAL_SIDEKICK = 'sidekick-py==0.0.7';
const originalVenvPython = join(root, '.venv-original-sidekick', 'bin', 'python');

// Wheels of the library's dependencies, for the test that installs the built
// wheel into a fresh venv without the network (e2e/test/install.test.ts).
export const wheelCacheDir = join(root, '.cache', 'wheels');

const WORKSPACES = ['protocol', 'relay', 'server', 'worker', 'ui', 'e2e', 'bench', 'vscode'];

function log(message) {
  console.log(`[bootstrap] ${message}`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`'${command} ${args.join(' ')}' failed with exit code ${result.status}`);
  }
}

function hashFiles(paths) {
  const hash = createHash('sha256');
  for (const path of paths) {
    hash.update(path);
    hash.update(existsSync(path) ? readFileSync(path) : 'missing');
  }
  return hash.digest('hex');
}

function stampMatches(stampPath, value) {
  return existsSync(stampPath) && readFileSync(stampPath, 'utf8') === value;
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new Error(`Node ${process.versions.node} is too old: Sidekick needs Node 20.19 or newer.`);
  }
}

// Only what decides the install counts: editing a script in a package.json
// must not trigger a reinstall (npm ci empties node_modules while it runs).
const INSTALL_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'workspaces', 'bin'];

function installInputs() {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(root, 'package-lock.json')));
  for (const manifest of ['package.json', ...WORKSPACES.map((w) => `${w}/package.json`)]) {
    const data = JSON.parse(readFileSync(join(root, manifest), 'utf8'));
    hash.update(manifest);
    hash.update(JSON.stringify(INSTALL_FIELDS.map((field) => data[field] ?? null)));
  }
  return hash.digest('hex');
}

function ensureNodeModules() {
  const want = installInputs();
  const stamp = join(root, 'node_modules', '.sidekick-bootstrap');
  if (stampMatches(stamp, want)) return;
  log('installing npm packages (npm ci)...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stamp, want);
}

function ensureVenv() {
  const pyproject = join(root, 'python', 'pyproject.toml');
  const want = hashFiles([pyproject]);
  const stamp = join(root, '.venv', '.sidekick-bootstrap');
  if (existsSync(venvPython) && stampMatches(stamp, want)) return;
  if (!existsSync(venvPython)) {
    log('creating the Python venv at .venv ...');
    run('python3', ['-m', 'venv', join(root, '.venv')]);
  }
  log('installing the library (sidekick-live) in editable mode with its dev tools...');
  run(venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-e', `${join(root, 'python')}[dev]`]);
  writeFileSync(stamp, want);
}

function ensureWheelCache() {
  const pyproject = join(root, 'python', 'pyproject.toml');
  const want = hashFiles([pyproject, venvPython]);
  const stamp = join(wheelCacheDir, '.sidekick-bootstrap');
  if (stampMatches(stamp, want)) return;
  log('downloading the websockets wheel into .cache/wheels for the offline install test...');
  const dependencies = /^dependencies = \[(.*)\]$/m.exec(readFileSync(pyproject, 'utf8'))?.[1] ?? '';
  const requirements = [...dependencies.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  run(venvPython, ['-m', 'pip', 'download', '--quiet', '--disable-pip-version-check', '--only-binary=:all:', '--dest', wheelCacheDir, ...requirements]);
  writeFileSync(stamp, want);
}

function ensureOriginalSidekickVenv() {
  const venv = join(root, '.venv-original-sidekick');
  const stamp = join(venv, '.sidekick-bootstrap');
  if (existsSync(originalVenvPython) && stampMatches(stamp, ORIGINAL_SIDEKICK)) return;
  if (!existsSync(originalVenvPython)) {
    log('creating the Python venv at .venv-original-sidekick ...');
    run('python3', ['-m', 'venv', venv]);
  }
  log(`installing the original ${ORIGINAL_SIDEKICK} from PyPI for the compatibility test...`);
  run(originalVenvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ORIGINAL_SIDEKICK]);
  writeFileSync(stamp, ORIGINAL_SIDEKICK);
}

function ensureChromium() {
  if (existsSync(chromiumPath)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `Chromium is missing at ${chromiumPath}. Install it with: sudo apt-get install -y chromium ` +
        '(or set SIDEKICK_CHROMIUM to a Chromium binary).',
    );
  }
  log('installing Chromium for the browser tests (apt-get install -y chromium)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', 'chromium'], { env });
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === '__pycache__' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function ensureBuild() {
  log('building TypeScript packages (tsc -b)...');
  run(join(root, 'node_modules', '.bin', 'tsc'), ['-b']);
  const uiOutput = join(root, 'ui', 'dist', 'index.html');
  if (!existsSync(join(root, 'ui', 'vite.config.ts'))) return;
  const inputs = ['ui/src', 'ui/index.html', 'ui/vite.config.ts', 'ui/public', 'python/src', 'protocol/dist', 'relay/dist'];
  const newestInput = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
  if (existsSync(uiOutput) && statSync(uiOutput).mtimeMs >= newestInput) {
    // Up to date, unless a development build slipped in (scripts/ui-build.mjs).
    if (!uiBuildProblem()) return;
    log('ui/dist holds a development build; rebuilding it.');
  }
  // The UI's build script sets NODE_ENV=production itself, whatever we inherit.
  log('building the UI (vite build)...');
  run('npm', ['run', 'build', '-w', 'ui']);
}

/**
 * @param {{ browser?: boolean, originalSidekick?: boolean, wheelCache?: boolean, build?: boolean, codeServer?: boolean }} options
 *   browser: make sure Chromium is installed; originalSidekick: the original
 *   sidekick-py in .venv-original-sidekick; wheelCache: the library's
 *   dependency wheels in .cache/wheels; build: compile TS and the UI;
 *   codeServer: code-server (and the Node 24 it runs on) in .cache/vscode for
 *   the VS Code extension's end-to-end test (scripts/code-server.mjs).
 */
export function bootstrap(options = {}) {
  checkNode();
  ensureNodeModules();
  ensureVenv();
  if (options.wheelCache) ensureWheelCache();
  if (options.originalSidekick) ensureOriginalSidekickVenv();
  if (options.browser) ensureChromium();
  if (options.build) ensureBuild();
  if (options.codeServer) ensureCodeServer();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    bootstrap({
      browser: process.argv.includes('--browser'),
      originalSidekick: process.argv.includes('--original-sidekick'),
      wheelCache: process.argv.includes('--wheel-cache'),
      build: process.argv.includes('--build'),
      codeServer: process.argv.includes('--code-server'),
    });
  } catch (error) {
    console.error(`[bootstrap] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
