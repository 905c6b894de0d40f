#!/usr/bin/env node
// `npm run demo`: bootstrap, build, then run the game of life through the
// local server (`sidekick run`), which prints the UI URL to open.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap, root } from './bootstrap.mjs';

try {
  bootstrap({ build: true });
} catch (error) {
  console.error(`[bootstrap] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const cli = join(root, 'server', 'dist', 'src', 'cli.js');
const example = join(root, 'examples', 'game_of_life.py');
const missing = [cli, example].filter((path) => !existsSync(path));
if (missing.length) {
  console.error(`The demo is not ready yet; missing: ${missing.join(', ')}`);
  process.exit(1);
}

const child = spawn(process.execPath, [cli, 'run', '--open', example], { cwd: root, stdio: 'inherit' });
// Ctrl+C reaches the whole process group; the CLI shuts the server down itself.
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => process.exit(signal ? 130 : (code ?? 1)));
