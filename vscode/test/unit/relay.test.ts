// The relay in the extension host, against real servers on real ports.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '@sidekick/server';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LocalRelay, type RelayState } from '../../src/relay.js';

const uiDir = join(import.meta.dirname, '..', '..', '..', 'ui', 'dist');
const keys = () => mkdtempSync(join(tmpdir(), 'sidekick-vscode-keys-'));
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0)) await stop();
});

function relay(port: number, identityDir: string): LocalRelay {
  const local = new LocalRelay({ port, uiDir, identityDir });
  cleanup.push(() => local.close());
  return local;
}

async function serve(identityDir?: string): Promise<RunningServer> {
  const server = await startServer({ port: 0, uiDir, identityDir });
  cleanup.push(() => server.close());
  return server;
}

/** 'open' or the HTTP status of the refused upgrade. */
function openWithOrigin(url: string, origin: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

describe('LocalRelay', () => {
  it('starts on first use, once, and reports each state', async () => {
    const seen: RelayState['kind'][] = [];
    const local = relay(0, keys());
    local.onState = (state) => seen.push(state.kind);
    const [a, b] = await Promise.all([local.ensure(), local.ensure()]);
    expect(a).toEqual(b);
    expect(a.kind).toBe('ours');
    expect(seen).toEqual(['starting', 'ours']);
    await local.close();
    expect(local.state.kind).toBe('off');
  });

  it("reuses a Sidekick server on the port that proves it is the user's", async () => {
    const dir = keys();
    const theirs = await serve(dir);
    const state = await relay(theirs.port, dir).ensure();
    expect(state).toEqual({ kind: 'shared', port: theirs.port, version: expect.any(String) });
  });

  it("refuses a Sidekick server that cannot prove it is the user's, and another program", async () => {
    const stranger = await serve(keys());
    const state = await relay(stranger.port, keys()).ensure();
    expect(state.kind).toBe('failed');
    expect(state.kind === 'failed' && state.why).toMatch(new RegExp(`port ${stranger.port} has a Sidekick server that is not yours`));

    const other: Server = createServer((_req, res) => res.end('hello'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => other.close(resolve)));
    const port = (other.address() as AddressInfo).port;
    expect(await relay(port, keys()).ensure()).toEqual({
      kind: 'failed',
      why: `port ${port} is used by another program; set sidekick.port to another port`,
    });
  });

  it("admits exactly the webview origin it is told, also one told before it started", async () => {
    const local = relay(0, keys());
    expect(local.allowOrigin('http://127.0.0.1:18080')).toBe(false); // not started: remembered
    const state = await local.ensure();
    const port = state.kind === 'ours' ? state.port : 0;
    const url = `ws://127.0.0.1:${port}/?session=s1`;
    expect(await openWithOrigin(url, 'http://127.0.0.1:18080')).toBe('open');
    expect(await openWithOrigin(url, 'http://127.0.0.1:18081')).toBe(403);
    expect(local.allowOrigin('http://127.0.0.1:18081')).toBe(true);
    expect(await openWithOrigin(url, 'http://127.0.0.1:18081')).toBe('open');
    expect(await openWithOrigin(url, 'https://evil.example')).toBe(403);
  });
});
