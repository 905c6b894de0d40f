// The extension as a user meets it, in a real VS Code: code-server (installed
// by bootstrap into .cache/vscode) with the built .vsix installed, driven by
// Chromium. Open a Python file, run `Sidekick: Run Current File`, see the
// program's grid in the webview and click it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePng, eventually, hexColor, launchBrowser, ManagedProcess, near, pixelAt, repoRoot, venvPython } from '@sidekick/e2e';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeServerEntry, codeServerNode } from '../../../scripts/code-server.mjs';

const extensionDir = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'sk-code-server-'));
const project = join(work, 'project');
let codeServer: ManagedProcess;
let browser: Browser;
let page: Page;

/** code-server's own Node and entry script, with every folder it writes under `work`. */
function codeServerArgs(...args: string[]): [string, string[], { cwd: string; env: NodeJS.ProcessEnv }] {
  const env = { XDG_CONFIG_HOME: join(work, 'config'), XDG_DATA_HOME: join(work, 'data'), XDG_CACHE_HOME: join(work, 'cache') };
  return [
    codeServerNode,
    [codeServerEntry, '--config', join(work, 'code-server.yaml'), '--extensions-dir', join(work, 'extensions'), '--user-data-dir', join(work, 'user'), ...args],
    { cwd: work, env },
  ];
}

beforeAll(async () => {
  if (!existsSync(codeServerEntry)) throw new Error('code-server is missing: run `node scripts/bootstrap.mjs --code-server`');
  // The .vsix as `npm run package -w vscode` makes it (build.mjs already ran: see the test script).
  const vsce = spawnSync(join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', join(work, 'sidekick.vsix')], {
    cwd: extensionDir,
    encoding: 'utf8',
  });
  if (vsce.status !== 0) throw new Error(`vsce package failed: ${vsce.stdout}${vsce.stderr}`);
  const [node, args, options] = codeServerArgs('--install-extension', join(work, 'sidekick.vsix'));
  const install = spawnSync(node, args, { ...options, env: { ...process.env, ...options.env }, encoding: 'utf8' });
  if (install.status !== 0 || !install.stdout.includes('successfully installed')) throw new Error(`installing the .vsix failed: ${install.stdout}${install.stderr}`);

  mkdirSync(project);
  cpSync(join(extensionDir, 'test', 'fixtures', 'grid_click.py'), join(project, 'grid_click.py'));
  mkdirSync(join(work, 'user', 'User'), { recursive: true });
  writeFileSync(
    join(work, 'user', 'User', 'settings.json'),
    JSON.stringify({
      'sidekick.pythonPath': venvPython,
      // Any free port: the relay's own default would collide with other runs.
      'sidekick.port': 0,
      'workbench.startupEditor': 'none',
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'telemetry.telemetryLevel': 'off',
    }),
  );
  const [serverNode, serverArgs, serverOptions] = codeServerArgs(
    '--bind-addr', '127.0.0.1:0', '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', project,
  );
  codeServer = new ManagedProcess('code-server', serverNode, serverArgs, serverOptions);
  const [, url] = await codeServer.waitForOutput(/HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${url}?folder=${encodeURIComponent(project)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await codeServer?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function runCommand(title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** The webview's inner page that shows the UI (VS Code nests it in two frames). */
async function panelFrame(): Promise<Frame> {
  return eventually('the Sidekick webview', async () => {
    for (const frame of page.frames()) {
      if ((await frame.locator('meta[name="sidekick-relay"]').count().catch(() => 0)) > 0) return frame;
    }
    return undefined;
  }, (frame) => frame !== undefined, 60_000) as Promise<Frame>;
}

describe('Sidekick in code-server', () => {
  it('runs the current file beside the editor: the grid shows in the panel and a click reaches the program', async () => {
    await page.locator('.explorer-viewlet').getByText('grid_click.py').click();
    await page.locator('.monaco-editor').first().waitFor();
    await runCommand('Sidekick: Run Current File');

    const panel = await panelFrame();
    const canvas = panel.locator('[data-sk-id="grid-1"] canvas');
    await eventually('the red cell in the webview', async () => {
      const image = decodePng(await canvas.screenshot());
      return pixelAt(image, Math.floor(image.width / 2), Math.floor(image.height / 2));
    }, (pixel) => near(pixel, hexColor('#ff0000')), 60_000);
    await eventually('the status bar', () => page.locator('.statusbar').innerText(), (text) => text.includes('Sidekick: program connected'));

    const box = await canvas.boundingBox();
    await canvas.click({ position: { x: (box?.width ?? 0) / 2, y: (box?.height ?? 0) / 2 } });
    const clicked = await eventually('the click in the program', async () => readFileSync(join(project, 'clicked.txt'), 'utf8'), (text) => text !== '');
    expect(clicked).toBe('1,1\n');
  });

  it('Sidekick: Stop ends the running program: the status bar hears it leave', async () => {
    // The click left the focus in the panel: back to the file.
    await page.locator('.explorer-viewlet').getByText('grid_click.py').click();
    await runCommand('Sidekick: Run Current File');
    const statusBar = () => page.locator('.statusbar').innerText();
    await eventually('the program connected', statusBar, (text) => text.includes('Sidekick: program connected'), 60_000);
    await runCommand('Sidekick: Stop');
    await eventually('the program gone', statusBar, (text) => text.includes('Sidekick') && !text.includes('program connected'), 30_000);
  });
});
