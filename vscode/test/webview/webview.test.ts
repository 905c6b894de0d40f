// The panel page in real Chromium, as the webview shows it: the page
// panelHtml builds, its resources served from one origin (as asWebviewUri
// does), a fake acquireVsCodeApi standing in for VS Code, a real relay in a
// LocalRelay and a real Python program.
import { existsSync, mkdtempSync, readFileSync, rmSync, cpSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { decodePng, eventually, hexColor, launchBrowser, ManagedProcess, near, pixelAt, venvPython } from '@sidekick/e2e';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { panelHtml } from '../../src/html.js';
import { LocalRelay } from '../../src/relay.js';

const extensionDir = join(import.meta.dirname, '..', '..');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

let browser: Browser;
let files: Server;
let filesOrigin: string;
let relay: LocalRelay;
let relayPort: number;
const relayLog: string[] = [];
let page: Page | undefined;
let hero: ManagedProcess | undefined;

/** Serves the extension folder (ui/, media/) and the page under test, like a webview's resource origin. */
function serveFiles(html: (origin: string) => string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/panel.html') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(html(`http://${req.headers.host ?? ''}`));
      return;
    }
    const file = normalize(join(extensionDir, path));
    if (!file.startsWith(extensionDir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let session = 'webview-test';

beforeAll(async () => {
  if (!existsSync(join(extensionDir, 'ui', 'index.html'))) throw new Error('vscode/ui is missing: run `node build.mjs` in vscode/ first');
  relay = new LocalRelay({ port: 0, uiDir: join(extensionDir, 'ui'), identityDir: mkdtempSync(join(tmpdir(), 'sk-keys-')), log: (l) => relayLog.push(l) });
  const state = await relay.ensure();
  if (state.kind !== 'ours') throw new Error(`relay did not start: ${JSON.stringify(state)}`);
  relayPort = state.port;
  // Each page gets its resources from its own origin, as a webview does.
  files = await serveFiles((origin) =>
    panelHtml({
      indexHtml: readFileSync(join(extensionDir, 'ui', 'index.html'), 'utf8'),
      uiBase: `${origin}/ui`,
      hostScript: `${origin}/media/host.js`,
      themeCss: `${origin}/media/theme.css`,
      cspSource: origin,
      target: { relayUrl: `ws://127.0.0.1:${relayPort}/`, session },
    }),
  );
  filesOrigin = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterEach(async () => {
  await page?.close();
  page = undefined;
  await hero?.stop();
  hero = undefined;
});

afterAll(async () => {
  await browser?.close();
  await relay?.close();
  await new Promise((resolve) => files?.close(resolve));
});

/** Opens the panel page; `report` decides whether the fake VS Code passes the page's messages to the extension. */
async function openPanel(report: boolean, origin = filesOrigin): Promise<{ page: Page; messages: unknown[] }> {
  const messages: unknown[] = [];
  const opened = await browser.newPage({ viewport: { width: 600, height: 500 } });
  page = opened;
  await opened.exposeFunction('__skToExtension', (message: { type?: string; origin?: string }) => {
    messages.push(message);
    if (report && message.type === 'sidekick-webview-ready' && message.origin) relay.allowOrigin(message.origin);
  });
  // VS Code gives the page acquireVsCodeApi, callable once.
  await opened.addInitScript(() => {
    let taken = false;
    const bridge = (window as unknown as { __skToExtension: (m: unknown) => void }).__skToExtension;
    (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => {
      if (taken) throw new Error('acquireVsCodeApi called twice');
      taken = true;
      return { postMessage: (m: unknown) => bridge(m), getState: () => undefined, setState: () => undefined };
    };
  });
  await opened.goto(`${origin}/panel.html`);
  return { page: opened, messages };
}

function startHero(): { process: ManagedProcess; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sk-webview-hero-'));
  cpSync(join(extensionDir, 'test', 'fixtures', 'grid_click.py'), join(dir, 'grid_click.py'));
  const process = new ManagedProcess('grid_click.py', venvPython, [join(dir, 'grid_click.py')], {
    cwd: dir,
    env: { SIDEKICK_URL: `ws://127.0.0.1:${relayPort}/?session=${session}`, PYTHONUNBUFFERED: '1' },
  });
  hero = process;
  return { process, dir };
}

describe('the panel page', () => {
  it("shows a program's grid and sends its clicks back, once the relay admits the webview's origin", async () => {
    session = 'webview-grid';
    const { process, dir } = startHero();
    const { page: panel, messages } = await openPanel(true);
    expect(messages).toContainEqual({ type: 'sidekick-webview-ready', origin: filesOrigin });
    const canvas = panel.locator('[data-sk-id="grid-1"] canvas');
    const red = hexColor('#ff0000');
    await eventually('the red cell on screen', async () => {
      const image = decodePng(await canvas.screenshot());
      return pixelAt(image, Math.floor(image.width / 2), Math.floor(image.height / 2));
    }, (pixel) => near(pixel, red));
    const box = await canvas.boundingBox();
    await canvas.click({ position: { x: (box?.width ?? 0) / 2, y: (box?.height ?? 0) / 2 } });
    expect((await process.exited).code).toBe(0);
    expect(readFileSync(join(dir, 'clicked.txt'), 'utf8')).toBe('1,1\n');
    rmSync(dir, { recursive: true, force: true });
  });

  it("cannot reach the relay while its origin is not admitted (nothing broader is)", async () => {
    session = 'webview-refused';
    // Another origin than the one the first test admitted (a webview of another extension, say).
    const other = filesOrigin.replace('127.0.0.1', 'localhost');
    const { page: panel, messages } = await openPanel(false, other);
    expect(messages).toContainEqual({ type: 'sidekick-webview-ready', origin: other });
    await eventually('the refusal in the relay log', async () => relayLog.join('\n'), (log) => log.includes(`refused a WebSocket from origin ${other}`));
    expect(relayLog.join('\n')).not.toContain('connected to session webview-refused');
    expect(await panel.locator('[data-sk-status="connection"]').textContent()).not.toMatch(/^Connected/);
  });

  it("takes VS Code's colours and light/dark kind, and the grid repaints when the theme changes", async () => {
    session = 'webview-theme';
    startHero();
    const { page: panel } = await openPanel(true);
    const canvas = panel.locator('[data-sk-id="grid-1"] canvas');
    /** The centre of cell (0, 0) and of cell (1, 1), as on screen. */
    const cells = async () => {
      const image = decodePng(await canvas.screenshot());
      const cell = image.width / 3;
      return [pixelAt(image, Math.floor(cell / 2), Math.floor(cell / 2)), pixelAt(image, Math.floor(cell * 1.5), Math.floor(cell * 1.5))];
    };
    await eventually('the grid', cells, ([, middle]) => near(middle ?? [0, 0, 0], hexColor('#ff0000')));
    // What VS Code does to a webview: theme variables on <html>, the kind as a body class.
    const vscodeTheme = (kind: string, background: string) =>
      panel.evaluate(([k, bg]) => {
        document.documentElement.style.setProperty('--vscode-editor-background', bg ?? '');
        document.body.className = k ?? '';
      }, [kind, background]);
    await vscodeTheme('vscode-dark', '#123456');
    await eventually('the dark kind', () => panel.evaluate(() => document.documentElement.dataset.skTheme), (v) => v === 'dark');
    expect(await panel.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(18, 52, 86)');
    await eventually('dark empty cells', cells, ([empty]) => near(empty ?? [0, 0, 0], hexColor('#2a2e34')));
    await vscodeTheme('vscode-high-contrast-light', '#fefefe');
    await eventually('the light kind', () => panel.evaluate(() => document.documentElement.dataset.skTheme), (v) => v === 'light');
    expect(await panel.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(254, 254, 254)');
    await eventually('light empty cells', cells, ([empty]) => near(empty ?? [0, 0, 0], hexColor('#ffffff')));
  });
});
