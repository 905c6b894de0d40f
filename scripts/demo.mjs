#!/usr/bin/env node
// `npm run demo`: bootstrap and build, then run the game of life through the
// local server with `sidekick run`, which starts the server (or reuses one
// already running), prints the UI address and keeps serving until Ctrl+C.
// SIDEKICK_DEMO_PORT picks another port than 5163 (the e2e test uses it).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap, root, venvPython } from './bootstrap.mjs';

try {
  bootstrap({ build: true });
} catch (error) {
  console.error(`[bootstrap] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const cli = join(root, 'server', 'bin', 'sidekick.js');
const example = join(root, 'examples', 'game_of_life.py');
const missing = [join(root, 'server', 'dist', 'src', 'cli.js'), join(root, 'ui', 'dist', 'index.html'), example].filter(
  (path) => !existsSync(path),
);
if (missing.length) {
  console.error(`The demo cannot start; missing: ${missing.join(', ')} (did the build fail?)`);
  process.exit(1);
}

// Open a browser only where one can appear: macOS, Windows, or a Linux desktop.
const canOpen =
  process.platform === 'darwin' || process.platform === 'win32' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const port = process.env.SIDEKICK_DEMO_PORT ?? '5163';
const args = [cli, 'run', '--port', port, ...(canOpen ? ['--open'] : []), example];

console.log('\nStarting the Sidekick demo: the game of life. Press Ctrl+C to stop.');
if (!canOpen) console.log('No desktop browser found: open the "Sidekick UI" address below in your browser.');
console.log('');
// The demo runs with the .venv bootstrap just made, even when another
// virtualenv is active (which `sidekick run` would otherwise prefer).
const env = { ...process.env, SIDEKICK_PYTHON: process.env.SIDEKICK_PYTHON || venvPython };
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });

// Ctrl+C in a terminal reaches the CLI and Python by themselves (same process
// group); the CLI then stops the server. If only we were signalled (e.g. by
// another program), pass it on so nothing is left running.
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }, 1_000).unref();
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
child.on('exit', (code, signal) => {
  if (stopping) console.log('\nSidekick demo stopped.');
  process.exit(stopping ? 0 : signal ? 130 : (code ?? 1));
});
