// The commands as VS Code runs them, against the fake `vscode` module and a
// real relay: what the user would see is what the fake recorded.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@sidekick/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Controller } from '../../src/controller.js';
import { fake, type FakePanel, pythonDocument, Uri } from '../fake-vscode.js';

const uiDir = join(import.meta.dirname, '..', '..', '..', 'ui', 'dist');
const extensionUri = Uri.file(join(import.meta.dirname, '..', '..')) as never;
let controller: Controller;
const sockets: WebSocket[] = [];

beforeEach(() => {
  fake.reset();
  fake.settings['sidekick.port'] = 0;
  controller = new Controller(extensionUri, { uiDir, identityDir: mkdtempSync(join(tmpdir(), 'sidekick-vscode-keys-')) });
});

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await controller.dispose();
});

async function until(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function relayPort(): number {
  const state = controller.relay.state;
  if (state.kind !== 'ours') throw new Error(`relay is ${state.kind}`);
  return state.port;
}

function meta(panel: FakePanel, name: string): string | undefined {
  return new RegExp(`<meta name="${name}" content="([^"]*)">`).exec(panel.webview.html)?.[1];
}

/** A program joining `session` the way the library does: connect and announce. */
async function heroJoins(port: number, session: string): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/?session=${session}`);
  sockets.push(ws);
  await new Promise((resolve) => ws.once('open', resolve));
  const payload = { peerId: 'hero-1', role: 'hero', status: 'online', version: 'test', timestamp: Date.now() };
  ws.send(JSON.stringify({ id: 0, component: 'system', type: 'announce', payload }));
}

const statusText = () => fake.statusItems[0]?.text ?? '';

describe('Sidekick: Run Current File', () => {
  it('saves the file, runs it in a terminal with SIDEKICK_URL naming the panel session, and opens the panel', async () => {
    const document = pythonDocument('/work/my game.py', true);
    fake.activeDocument = document;
    fake.settings['sidekick.pythonPath'] = '/opt/py/bin/python';
    await controller.runFile();

    expect(document.saved).toBe(1);
    const terminal = fake.terminals[0];
    const port = relayPort();
    expect(terminal?.options.env).toEqual({ SIDEKICK_URL: `ws://127.0.0.1:${port}/?session=${controller.session}`, PYTHONUNBUFFERED: '1' });
    expect(terminal?.sent).toEqual(["/opt/py/bin/python '/work/my game.py'"]);
    expect(terminal?.shown).toBe(true);

    const panel = fake.panels[0];
    expect(panel?.options.enableScripts).toBe(true);
    expect(panel && meta(panel, 'sidekick-relay')).toBe(`ws://127.0.0.1:${port}/`);
    expect(panel && meta(panel, 'sidekick-session')).toBe(controller.session);
    expect(panel?.webview.html).toContain(`connect-src ws://127.0.0.1:${port};`);
  });

  it('ends the previous run, and Stop ends the current one', async () => {
    fake.activeDocument = pythonDocument('/work/a.py');
    await controller.runFile();
    await controller.runFile();
    expect(fake.terminals.map((t) => t.disposed)).toEqual([true, false]);
    controller.stop();
    expect(fake.terminals[1]?.disposed).toBe(true);
    controller.stop();
    expect(fake.infos).toEqual(['Sidekick: no program is running.']);
  });

  it('says so when the active editor is not a Python file', async () => {
    fake.activeDocument = { ...pythonDocument('/work/notes.md'), languageId: 'markdown' };
    await controller.guard(() => controller.runFile());
    expect(fake.errors).toEqual(['Sidekick: Open a Python file to run it with Sidekick.']);
    expect(fake.terminals).toEqual([]);
  });
});

describe('Sidekick: Show Panel', () => {
  it('shows the local session where the webview can reach it (a remote window forwards the port)', async () => {
    fake.externalUri = (uri) => Uri.parse(`https://box.example/proxy/${new URL(uri.toString()).port}/`);
    await controller.showPanel();
    const panel = fake.panels[0];
    expect(panel?.title).toBe('Sidekick');
    expect(panel && meta(panel, 'sidekick-relay')).toBe(`wss://box.example/proxy/${relayPort()}/`);
    await controller.showPanel();
    expect(fake.panels).toHaveLength(1);
    expect(panel?.revealed).toBe(1);
  });

  it("admits the webview's origin on the relay when the page reports it", async () => {
    await controller.showPanel();
    fake.panels[0]?.webview.received.fire({ type: 'sidekick-webview-ready', origin: 'http://127.0.0.1:18080' });
    const ws = new WebSocket(`ws://127.0.0.1:${relayPort()}/?session=x`, { origin: 'http://127.0.0.1:18080' });
    sockets.push(ws);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    expect(fake.output).toContain("the relay admits the panel's origin http://127.0.0.1:18080");
  });
  it('reports a taken port, and tries the port set in sidekick.port next time', async () => {
    const other = createServer((_req, res) => res.end('not sidekick'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const taken = (other.address() as AddressInfo).port;
    try {
      fake.settings['sidekick.port'] = taken;
      await controller.guard(() => controller.showPanel());
      expect(fake.errors).toEqual([`Sidekick: port ${taken} is used by another program; set sidekick.port to another port`]);
      expect(fake.statusItems[0]?.text).toBe('$(error) Sidekick');
      fake.settings['sidekick.port'] = 0;
      await controller.showPanel();
      expect(controller.relay.state.kind).toBe('ours');
      expect(fake.panels).toHaveLength(1);
    } finally {
      other.close();
    }
  });
});

describe('sharing the port', () => {
  it("reuses the user's own server on the port, and takes the port over when that server stops", async () => {
    const keys = mkdtempSync(join(tmpdir(), 'sidekick-vscode-keys-'));
    const theirs = await startServer({ port: 0, uiDir, identityDir: keys });
    await controller.dispose();
    fake.reset();
    fake.settings['sidekick.port'] = theirs.port;
    controller = new Controller(extensionUri, { uiDir, identityDir: keys });
    await controller.showPanel();
    expect(controller.relay.state).toMatchObject({ kind: 'shared', port: theirs.port });
    await theirs.close();
    await until('the relay taken over', () => controller.relay.state.kind === 'ours');
    expect(controller.relay.state).toEqual({ kind: 'ours', port: theirs.port });
  });
});

describe('status bar and opening on connect', () => {
  it('shows the relay, then the program, and opens the panel when a program connects', async () => {
    expect(statusText()).toBe('$(circle-outline) Sidekick');
    expect(fake.statusItems[0]?.command).toBe('sidekick.showPanel');
    await controller.showPanel();
    fake.panels[0]?.dispose();
    await until('the relay state', () => statusText() === '$(radio-tower) Sidekick');
    await heroJoins(relayPort(), controller.session);
    await until('a program connected', () => statusText() === '$(broadcast) Sidekick: program connected');
    await until('the panel to open', () => fake.panels.length === 2);
  });

  it('follows a program that joined a session of its own (started in a terminal), as the page at / does', async () => {
    await controller.showPanel();
    const panel = fake.panels[0];
    await heroJoins(relayPort(), 'from-a-terminal');
    await until('the panel to follow', () => (panel ? meta(panel, 'sidekick-session') : '') === 'from-a-terminal');
    // A program in this window's own session wins over it.
    await heroJoins(relayPort(), controller.session);
    await until('the panel back on its own session', () => (panel ? meta(panel, 'sidekick-session') : '') === controller.session);
    expect(fake.panels).toHaveLength(1);
  });

  it('leaves the panel closed when sidekick.openPanelOnConnect is off', async () => {
    fake.settings['sidekick.openPanelOnConnect'] = false;
    await controller.showPanel();
    fake.panels[0]?.dispose();
    await heroJoins(relayPort(), controller.session);
    await until('a program connected', () => statusText().includes('program connected'));
    expect(fake.panels).toHaveLength(1);
  });
});

describe('Sidekick: Open Session…', () => {
  it('points the panel at a cloud relay session by address', async () => {
    fake.inputAnswer = 'https://relay.example/session/class-7';
    await controller.openSession();
    const panel = fake.panels[0];
    expect(panel && meta(panel, 'sidekick-relay')).toBe('wss://relay.example/');
    expect(panel && meta(panel, 'sidekick-session')).toBe('class-7');
    expect(panel?.title).toBe('Sidekick: class-7');
    expect(controller.relay.state.kind).toBe('off'); // no local relay needed for that
  });

  it('changes nothing for input it cannot read, or when cancelled', async () => {
    fake.inputAnswer = 'https://relay.example/';
    await controller.openSession();
    fake.inputAnswer = undefined;
    await controller.openSession();
    expect(fake.panels).toEqual([]);
  });
});
