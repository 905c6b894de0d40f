#!/usr/bin/env node
// `npm test`: bootstrap, then run every suite of the project in turn.
// Every suite runs even if an earlier one failed; the exit code is non-zero
// if any failed. `npm test -- server python` runs only the named suites.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap, chromiumPath, root, venvPython } from './bootstrap.mjs';

const bin = (name) => join(root, 'node_modules', '.bin', name);
const venvBin = (name) => join(root, '.venv', 'bin', name);

function workspaceHasTests(workspace) {
  const manifest = JSON.parse(readFileSync(join(root, workspace, 'package.json'), 'utf8'));
  return Boolean(manifest.scripts?.test);
}

/** Each suite is a list of commands; the suite passes when all of them do. */
const suites = [
  { name: 'typecheck', commands: [[bin('tsc'), ['-b']], ['npm', ['run', 'typecheck', '-w', 'ui']]] },
  { name: 'lint', commands: [[bin('eslint'), ['.']], [venvBin('ruff'), ['check', 'python', 'examples', 'e2e/fixtures', 'vscode/test/fixtures']]] },
  ...['protocol', 'relay', 'server', 'worker', 'ui', 'e2e', 'bench', 'vscode']
    .filter(workspaceHasTests)
    .map((workspace) => ({ name: workspace, commands: [['npm', ['run', 'test', '-w', workspace]]] })),
  {
    name: 'python',
    commands: [
      [venvBin('mypy'), []],
      [venvPython, ['-m', 'pytest', '-q']],
    ],
    cwd: join(root, 'python'),
  },
];

const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const selected = only.length ? suites.filter((suite) => only.includes(suite.name)) : suites;
if (only.length && selected.length !== only.length) {
  console.error(`Unknown suite. Known suites: ${suites.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

try {
  // code-server (minutes the first time) only when the vscode suite runs.
  const codeServer = selected.some((suite) => suite.name === 'vscode');
  bootstrap({ browser: true, originalSidekick: true, wheelCache: true, build: true, codeServer });
} catch (error) {
  console.error(`[bootstrap] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const env = { ...process.env, SIDEKICK_CHROMIUM: chromiumPath, SIDEKICK_REPO: root };
// `sidekick run` prefers an active virtualenv to the repository's .venv; the
// tests run with the .venv bootstrap made, whatever the developer activated.
delete env.VIRTUAL_ENV;
const results = [];
for (const suite of selected) {
  console.log(`\n=== ${suite.name} ===`);
  const started = Date.now();
  let ok = true;
  for (const [command, args] of suite.commands) {
    if (!existsSync(command) && command.startsWith('/')) {
      console.error(`missing tool: ${command}`);
      ok = false;
      break;
    }
    const result = spawnSync(command, args, { cwd: suite.cwd ?? root, stdio: 'inherit', env });
    if (result.status !== 0) {
      ok = false;
      break;
    }
  }
  results.push({ name: suite.name, ok, seconds: (Date.now() - started) / 1000 });
}

console.log('\n=== summary ===');
for (const { name, ok, seconds } of results) {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name.padEnd(10)} ${seconds.toFixed(1)}s`);
}
const failed = results.filter((r) => !r.ok).length;
console.log(`suites: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
