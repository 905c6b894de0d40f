// Install it like a user: build the wheel and the npm tarball, then follow
// docs/user-guide.md's Install section in a fresh folder OUTSIDE the
// repository, with a clean environment (no repository node_modules, .venv or
// bins on any path, no NODE_PATH), and without the network: pip installs from
// the built wheel plus the websockets wheel bootstrap cached, npm from the
// tarball. The installed CLI runs an example that Chromium shows; then the
// installed package serves the playground, which runs with no request leaving
// the machine; and the package works as a library (startServer, its UI dir).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  cellsColored,
  component,
  eventually,
  examplePath,
  gridSnapshot,
  launchBrowser,
  ManagedProcess,
  repoRoot,
  Stage,
  statusPart,
  venvPython,
} from '../src/index.js';

const here = mkdtempSync(join(tmpdir(), 'sidekick-install-'));
const dist = join(here, 'dist');
const home = join(here, 'home');
const folder = join(here, 'my-programs');
const stage = new Stage();
let browser: Browser;
let tarball: string;

/** Every command of the ```sh blocks in the user guide's Install section (comments dropped). */
function installCommands(): string[] {
  const guide = readFileSync(join(repoRoot, 'docs', 'user-guide.md'), 'utf8');
  const section = guide.slice(guide.indexOf('## Install'), guide.indexOf('## Your first program'));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)]
    .flatMap((block) => (block[1] ?? '').split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

/** What the test changes in a guide command so it runs offline, on a free port. */
function offline(command: string): string {
  return command
    .replace(/^npm install sidekick-live$/, `npm install --offline ${tarball}`)
    .replace(/^(npx sidekick(?:-live)? (?:run|serve))\b/, '$1 --port 0');
}

/** Where the Python that made the repository's .venv lives (a real CPython, not a shim). */
function basePythonBin(): string {
  const result = spawnSync(venvPython, ['-c', 'import sys; print(sys.base_prefix)'], { encoding: 'utf8' });
  return join(result.stdout.trim(), 'bin');
}

/** A user's shell: nothing from the repository, pip and npm offline. */
function userEnv(): string[] {
  const path = [basePythonBin(), dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'];
  expect(path.some((dir) => dir.startsWith(repoRoot))).toBe(false);
  return [
    `PATH=${path.join(':')}`,
    `HOME=${home}`,
    'LANG=C.UTF-8',
    'PYTHONUNBUFFERED=1',
    'PIP_NO_INDEX=1',
    `PIP_FIND_LINKS=${dist} ${join(repoRoot, '.cache', 'wheels')}`,
    'PIP_DISABLE_PIP_VERSION_CHECK=1',
    'npm_config_update_notifier=false',
    'npm_config_audit=false',
    'npm_config_fund=false',
  ];
}

/** Run `script` with sh -e in the user's folder and clean environment. */
function userShell(label: string, script: string): ManagedProcess {
  return stage.track(new ManagedProcess(label, '/usr/bin/env', ['-i', ...userEnv(), 'sh', '-e', '-c', script], { cwd: folder }));
}

function build(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

beforeAll(async () => {
  expect(here.startsWith(repoRoot)).toBe(false);
  mkdirSync(home);
  mkdirSync(folder);
  // The two artifacts, as docs/packaging.md makes them.
  build(venvPython, ['-m', 'build', '--no-isolation', '--outdir', dist, join(repoRoot, 'python')]);
  build(process.execPath, [join(repoRoot, 'scripts', 'package-npm.mjs'), '--pack-destination', dist]);
  const files = readdirSync(dist);
  expect(files.filter((f) => /^sidekick_live-.*-py3-none-any\.whl$/.test(f))).toHaveLength(1);
  expect(files.filter((f) => /^sidekick_live-.*\.tar\.gz$/.test(f))).toHaveLength(1);
  tarball = join(dist, files.find((f) => /^sidekick-live-.*\.tgz$/.test(f)) ?? 'missing.tgz');
  copyFileSync(examplePath('game_of_life'), join(folder, 'my_program.py'));
  browser = await launchBrowser();
});

afterEach(async (context) => {
  await stage.cleanup(context.task.result?.state === 'fail' ? context.task.name : undefined);
});

afterAll(async () => {
  await browser?.close();
  rmSync(here, { recursive: true, force: true });
});

/** The user's route, in the guide's order; then the server alone. */
const USER_COMMANDS = [
  'python3 -m venv .venv',
  '. .venv/bin/activate',
  'pip install sidekick-live',
  'npm install sidekick-live',
  'npx sidekick run my_program.py',
];
const SERVE_COMMAND = 'npx sidekick-live serve';

describe('the built Python packages', () => {
  it('the wheel has py.typed and needs only websockets; the sdist carries the tests', () => {
    const inspect = `
import json, sys, tarfile, zipfile
wheel, sdist = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
    lines = z.read(meta).decode().splitlines()
    typed = "sidekick/py.typed" in z.namelist()
with tarfile.open(sdist) as t:
    tests = any("/tests/test_" in n for n in t.getnames())
requires = [l.split(": ", 1)[1] for l in lines if l.startswith("Requires-Dist:") and "extra ==" not in l]
name = next(l.split(": ", 1)[1] for l in lines if l.startswith("Name:"))
print(json.dumps({"name": name, "requires": requires, "typed": typed, "tests": tests}))`;
    const files = readdirSync(dist);
    const pick = (pattern: RegExp): string => join(dist, files.find((f) => pattern.test(f)) ?? 'missing');
    const result = spawnSync(venvPython, ['-c', inspect, pick(/\.whl$/), pick(/\.tar\.gz$/)], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ name: 'sidekick-live', requires: ['websockets>=13'], typed: true, tests: true });
  });
});

describe('installed from the wheel and the npm tarball, outside the repository', () => {
  it('the Install section of the user guide runs an example that the panel shows', { timeout: 180_000 }, async () => {
    // Every command of the section is run here, but `npm run demo` (e2e/test/demo.test.ts).
    expect(installCommands()).toEqual([...USER_COMMANDS, SERVE_COMMAND, 'npm run demo']);
    const commands = USER_COMMANDS;
    const user = userShell('the Install section', commands.map(offline).join('\n'));
    const [, url] = await user.waitForOutput(/Sidekick UI: (http:\/\/127\.0\.0\.1:\d+\/)/, 150_000);
    // What ran came from the folder, not from the repository.
    const installed = join(folder, 'node_modules', 'sidekick-live', 'package.json');
    expect((JSON.parse(readFileSync(installed, 'utf8')) as { dependencies?: object }).dependencies).toBeUndefined();
    const page = await stage.open(browser, url!);
    await eventually('the hero to be online', () => statusPart(page, 'hero').textContent(), (t) => t === 'Hero online', 60_000);
    await eventually('the game to run', () => component(page, 'label-1').textContent(), (t) => /^Generation ([3-9]|\d\d+) \(running\)$/.test(t ?? ''));
    const shot = await gridSnapshot(page, 'grid-1');
    expect(cellsColored(shot, '#2e7d32').length).toBeGreaterThanOrEqual(5);
  });

  it('the installed package serves the playground, which runs Python with nothing fetched from elsewhere', { timeout: 180_000 }, async () => {
    expect(installCommands()).toContain(SERVE_COMMAND);
    const server = userShell(SERVE_COMMAND, offline(SERVE_COMMAND));
    const [, origin] = await server.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
    const page = await browser.newPage({ viewport: { width: 1700, height: 1000 } });
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${origin!}/`) && !/^(data|blob):/.test(url)) elsewhere.push(url);
    });
    try {
      await page.goto(`${origin!}/playground?example=grid_painter&run`);
      await eventually('the grid painter', () => page.locator('.pg-panel [data-sk-id="grid-1"]').count(), (n) => n === 1, 120_000);
      expect(elsewhere).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('works as a library: startServer serves the UI the package carries, with types', { timeout: 90_000 }, async () => {
    const program = `
      import { startServer, defaultUiDir } from 'sidekick-live';
      const server = await startServer({ port: 0 });
      const page = await fetch(server.url + '/');
      console.log(JSON.stringify({ defaultUiDir, status: page.status, html: (await page.text()).includes('<div id="root">') }));
      await server.close();`;
    const node = userShell('the package as a library', `node --input-type=module -e "${program.replace(/"/g, '\\"')}"`);
    const exit = await node.waitForExit(50_000);
    expect(exit.code, node.output).toBe(0);
    const report = JSON.parse(node.output.trim().split('\n').at(-1) ?? '{}') as { defaultUiDir: string; status: number; html: boolean };
    expect(report).toEqual({ defaultUiDir: join(folder, 'node_modules', 'sidekick-live', 'ui'), status: 200, html: true });

    // A TypeScript program (such as the VS Code extension) gets the types;
    // the repository's tsc is only the checker here.
    writeFileSync(
      join(folder, 'consumer.mts'),
      "import { defaultUiDir, startServer, type RunningServer } from 'sidekick-live';\n" +
        'const server: RunningServer = await startServer({ port: 0, uiDir: defaultUiDir });\n' +
        'export const url: string = server.url;\n',
    );
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const options = ['--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2022', '--skipLibCheck'];
    const types = ['--types', 'node', '--typeRoots', join(repoRoot, 'node_modules', '@types')];
    const checked = spawnSync(process.execPath, [tsc, ...options, ...types, 'consumer.mts'], { cwd: folder, encoding: 'utf8' });
    expect(checked.stdout, 'tsc').toBe('');
    expect(checked.status).toBe(0);
  });
});
