// `sidekick serve` as a user runs it: the real process on an ephemeral port.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, createServer, type Server } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECURITY_HEADERS } from '@sidekick/relay';
import { RefusedError, TestPeer } from '@sidekick/relay/conformance';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../src/log.js';
import { startServer } from '../src/server.js';
import { type CliProcess, startCli, stopAll } from './cli-process.js';

afterEach(stopAll);

const uiDir = mkdtempSync(join(tmpdir(), 'sidekick-ui-'));
mkdirSync(join(uiDir, 'assets'));
mkdirSync(join(uiDir, 'pyodide'));
writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(join(uiDir, 'playground.html'), '<!doctype html><title>playground</title>');
writeFileSync(join(uiDir, 'assets', 'app-1234.js'), 'console.log(1)');
writeFileSync(join(uiDir, 'pyodide', 'pyodide.asm.wasm'), Buffer.from([0, 97, 115, 109]));
writeFileSync(join(uiDir, 'pyodide', 'pyodide.mjs'), 'export {}');
afterAll(() => rmSync(uiDir, { recursive: true, force: true }));

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw GET, so paths reach the server exactly as written. */
function get(port: number, path: string, method = 'GET', headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openWithOrigin(url: string, origin: string | undefined, headers: Record<string, string> = {}): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === undefined ? { headers } : { origin, headers });
    ws.once('open', () => {
      ws.terminate();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

describe('sidekick serve: HTTP', () => {
  let port: number;
  let proc: CliProcess;
  beforeAll(async () => {
    proc = startCli(['serve', '--port', '0', '--quiet'], { SIDEKICK_UI_DIR: uiDir }, true);
    ({ port } = await proc.listening());
  });
  afterAll(() => proc.stop());

  it('answers /healthz with what identifies a Sidekick server, and stats', async () => {
    const answer = await get(port, '/healthz');
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as Record<string, unknown> & { stats: Record<string, unknown> };
    expect(body).toMatchObject({ name: 'sidekick', version: expect.any(String), sessions: 0, peers: 0 });
    expect(body.stats).toMatchObject({ cpu: { user: expect.any(Number), system: expect.any(Number) }, framesIn: 0 });
  });

  it('counts peers, sessions and relayed frames in /healthz', async () => {
    const a = await TestPeer.open(`ws://127.0.0.1:${port}/?session=count`);
    const b = await TestPeer.open(`ws://127.0.0.1:${port}/?session=count`);
    await a.send('{"n":1}');
    await b.message(0);
    const body = JSON.parse((await get(port, '/healthz')).body) as { sessions: number; peers: number; stats: { framesIn: number; framesOut: number } };
    expect(body).toMatchObject({ sessions: 1, peers: 2, stats: { framesIn: 1, framesOut: 1 } });
    await Promise.all([a.close(), b.close()]);
  });

  it('serves the UI with the right content types and the shared security headers on every answer', async () => {
    const cases: [string, number, RegExp][] = [
      ['/', 200, /^text\/html/],
      ['/assets/app-1234.js', 200, /^text\/javascript/],
      ['/pyodide/pyodide.asm.wasm', 200, /^application\/wasm$/],
      ['/pyodide/pyodide.mjs', 200, /^text\/javascript/],
      ['/healthz', 200, /^application\/json/],
      ['/api/sessions', 200, /^application\/json/],
      ['/api/sessions?after=x&session=a&session=b', 400, /^text\/plain/],
      ['/assets/missing.js', 404, /^text\/plain/],
      ['http://evil.example/', 400, /^text\/plain/],
    ];
    for (const [path, status, type] of cases) {
      const answer = await get(port, path);
      expect([path, answer.status]).toEqual([path, status]);
      expect(answer.headers['content-type']).toMatch(type);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect([path, answer.headers[name.toLowerCase()]]).toEqual([path, value]);
    }
    const refused = await get(port, '/', 'GET', { Host: 'evil.example' });
    expect(refused.status).toBe(403);
    expect(refused.headers['x-frame-options']).toBe('SAMEORIGIN');
    const foreign = await get(port, '/api/sessions', 'GET', { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('answers 304 to a revalidation of an unchanged file, and caches hashed assets for good', async () => {
    const first = await get(port, '/pyodide/pyodide.mjs');
    expect(first.headers['cache-control']).toBe('no-cache');
    const lastModified = String(first.headers['last-modified']);
    const again = await get(port, '/pyodide/pyodide.mjs', 'GET', { 'If-Modified-Since': lastModified });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    const old = await get(port, '/pyodide/pyodide.mjs', 'GET', { 'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT' });
    expect(old.status).toBe(200);
    expect((await get(port, '/assets/app-1234.js')).headers['cache-control']).toMatch(/immutable/);
  });

  it('sends app routes to index.html and /playground to playground.html', async () => {
    expect((await get(port, '/session/abc-123')).body).toContain('<title>app</title>');
    expect((await get(port, '/playground')).body).toContain('<title>playground</title>');
  });

  it('never serves files outside the UI directory', async () => {
    for (const path of ['/../package.json', '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json']) {
      const answer = await get(port, path);
      expect(answer.body).not.toContain('"name"');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(port, '/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await get(port, '/', 'POST')).status).toBe(405);
  });
});

describe('sidekick serve: security', () => {
  it('binds to loopback by default', async () => {
    const proc = startCli(['serve', '--port', '0', '--quiet']);
    const { host, port } = await proc.listening();
    expect(host).toBe('127.0.0.1');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((info) => info && info.family === 'IPv4' && !info.internal);
    if (external) {
      const reached = await new Promise<boolean>((resolve) => {
        const req = request({ host: external.address, port, path: '/healthz', timeout: 2000 }, () => resolve(true));
        req.on('error', () => resolve(false));
        req.on('timeout', () => {
          req.destroy();
          resolve(false);
        });
        req.end();
      });
      expect(reached).toBe(false);
    }
  });

  it('refuses WebSockets from foreign web origins and accepts its own, none, and --allow-origin', async () => {
    const proc = startCli(['serve', '--port', '0', '--quiet', '--allow-origin', 'http://localhost:5173']);
    const { port } = await proc.listening();
    const url = `ws://127.0.0.1:${port}/?session=o`;
    expect(await openWithOrigin(url, 'https://evil.example')).toBe(403);
    expect(await openWithOrigin(url, 'http://127.0.0.1:1')).toBe(403);
    expect(await openWithOrigin(url, 'null')).toBe(403);
    expect(await openWithOrigin(url, undefined)).toBe('open');
    expect(await openWithOrigin(url, `http://localhost:${port}`)).toBe('open');
    expect(await openWithOrigin(url, `http://127.0.0.1:${port}`)).toBe('open');
    expect(await openWithOrigin(url, 'http://localhost:5173')).toBe('open');
    expect(await openWithOrigin(url, 'vscode-webview://abc')).toBe('open');
  });

  it('logs a refused origin, and a connect and disconnect, one line each', async () => {
    const proc = startCli(['serve', '--port', '0']);
    const { port } = await proc.listening();
    await openWithOrigin(`ws://127.0.0.1:${port}/`, 'https://evil.example');
    const peer = await TestPeer.open(`ws://127.0.0.1:${port}/?session=logs`);
    await peer.close();
    await expect.poll(() => proc.stderr()).toMatch(/disconnected from session logs/);
    expect(proc.stderr()).toMatch(/refused a WebSocket from origin https:\/\/evil\.example/);
    expect(proc.stderr()).toMatch(/connected to session logs/);
  });

  it('refuses upgrades on other paths with HTTP 400', async () => {
    const proc = startCli(['serve', '--port', '0', '--quiet']);
    const { port } = await proc.listening();
    await expect(TestPeer.open(`ws://127.0.0.1:${port}/other?session=a`)).rejects.toEqual(new RefusedError(400));
  });

  it('--open says how to open the UI when no browser opener can be started', async () => {
    const proc = startCli(['serve', '--port', '0', '--quiet', '--open'], { PATH: '/nonexistent' });
    const { port } = await proc.listening();
    await expect.poll(() => proc.stderr()).toMatch(new RegExp(`could not open a browser .*open http://127\\.0\\.0\\.1:${port}/ yourself`));
  });

  it('warns when bound to a non-loopback address', async () => {
    const proc = startCli(['serve', '--port', '0', '--host', '0.0.0.0', '--quiet']);
    await proc.listening();
    expect(proc.stderr()).toMatch(/warning: listening on 0\.0\.0\.0/);
  });
});

/** Writes a raw request and resolves with everything the server sent once it has closed the connection. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('sidekick serve: Host check (DNS rebinding)', () => {
  let port: number;
  let proc: CliProcess;
  beforeAll(async () => {
    proc = startCli(['serve', '--port', '0', '--allow-host', 'MyBox.Local'], { SIDEKICK_UI_DIR: uiDir }, true);
    ({ port } = await proc.listening());
  });
  afterAll(() => proc.stop());

  it('refuses a foreign Host on the UI and /healthz with 403 and says what to do', async () => {
    for (const path of ['/', '/healthz', '/playground', '/assets/app-1234.js']) {
      const answer = await get(port, path, 'GET', { Host: `evil.example:${port}` });
      expect([path, answer.status]).toEqual([path, 403]);
      expect(answer.headers['content-type']).toMatch(/^text\/plain/);
      expect(answer.body).toBe(
        `Host 'evil.example:${port}' is not allowed; open http://127.0.0.1:${port}/ or start sidekick serve with --allow-host evil.example\n`,
      );
    }
    expect((await get(port, '/healthz', 'HEAD', { Host: 'evil.example' })).status).toBe(403);
    await expect.poll(() => proc.stderr()).toContain(`warning: refused a request: Host 'evil.example:${port}' is not allowed`);
  });

  it('answers loopback Hosts, with a port or without, in any case, and refuses look-alikes', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'LOCALHOST', 'app.localhost', '127.0.0.1']) {
      const answer = await get(port, '/healthz', 'GET', { Host: host });
      expect([host, answer.status]).toEqual([host, 200]);
      expect(answer.body).toContain('"name":"sidekick"');
    }
    for (const host of [`localhost.evil.example:${port}`, `192.0.2.1:${port}`, 'evil.example@127.0.0.1']) {
      expect([host, (await get(port, '/healthz', 'GET', { Host: host })).status]).toEqual([host, 403]);
    }
  });

  it('refuses a request without a Host header', async () => {
    const answer = await rawExchange(port, 'GET /healthz HTTP/1.0\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 403 /);
    expect(answer).toContain(`This request has no Host header; open http://127.0.0.1:${port}/`);
    expect(answer).not.toContain('"name":"sidekick"');
  });

  it('refuses a WebSocket upgrade with a foreign Host with 403 before upgrading, and closes the socket', async () => {
    const url = `ws://127.0.0.1:${port}/?session=rebind`;
    expect(await openWithOrigin(url, undefined, { Host: `evil.example:${port}` })).toBe(403);
    expect(await openWithOrigin(url, `http://evil.example:${port}`, { Host: `evil.example:${port}` })).toBe(403);
    const raw = await rawExchange(
      port,
      `GET /?session=rebind HTTP/1.1\r\nHost: evil.example:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(raw).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(raw).toContain("Host 'evil.example:");
    // Nothing joined, nothing crashed, and loopback Hosts still get through.
    expect(JSON.parse((await get(port, '/healthz')).body)).toMatchObject({ peers: 0 });
    for (const host of [`localhost:${port}`, `[::1]:${port}`]) {
      expect(await openWithOrigin(url, undefined, { Host: host })).toBe('open');
    }
  });

  it('--allow-host lets that name through (any case, any port), for HTTP, WebSockets and pages served under it', async () => {
    expect((await get(port, '/', 'GET', { Host: `mybox.local:${port}` })).status).toBe(200);
    expect((await get(port, '/healthz', 'GET', { Host: 'MYBOX.local' })).status).toBe(200);
    expect((await get(port, '/healthz', 'GET', { Host: 'sub.mybox.local' })).status).toBe(403);
    const url = `ws://127.0.0.1:${port}/?session=named`;
    expect(await openWithOrigin(url, `http://mybox.local:${port}`, { Host: `mybox.local:${port}` })).toBe('open');
    expect(await openWithOrigin(url, undefined, { Host: `other.local:${port}` })).toBe(403);
  });
});

describe('startServer: allowHosts', () => {
  it('answers the allowed names besides loopback ones, and rejects a value that is not a host name', async () => {
    const server = await startServer({ port: 0, allowHosts: ['mybox.local'], uiDir, logger: createLogger('quiet') });
    try {
      expect((await get(server.port, '/healthz', 'GET', { Host: 'mybox.local' })).status).toBe(200);
      expect((await get(server.port, '/healthz', 'GET', { Host: `localhost:${server.port}` })).status).toBe(200);
      expect((await get(server.port, '/healthz', 'GET', { Host: 'evil.example' })).status).toBe(403);
    } finally {
      await server.close();
    }
    await expect(startServer({ port: 0, allowHosts: ['mybox.local:5163'] })).rejects.toThrow(/allowHosts: "mybox.local:5163"/);
  });
});

describe('sidekick serve: lifecycle and errors', () => {
  it('says a page needs `npm run build` when the UI is not built', async () => {
    const proc = startCli(['serve', '--port', '0', '--quiet'], { SIDEKICK_UI_DIR: join(uiDir, 'nope') });
    const { port } = await proc.listening();
    const answer = await get(port, '/');
    expect(answer.status).toBe(503);
    expect(answer.body).toContain('npm run build');
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal} closes peers with 1001 and exits 0`, async () => {
      const proc = startCli(['serve', '--port', '0', '--quiet']);
      const { port } = await proc.listening();
      const peer = await TestPeer.open(`ws://127.0.0.1:${port}/`);
      proc.child.kill(signal);
      expect((await peer.closed).code).toBe(1001);
      expect(await proc.exited).toBe(0);
    });
  }

  it('names the port and --port when the port is taken by another program', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const proc = startCli(['serve', '--port', String(port)]);
      expect(await proc.exited).toBe(1);
      expect(proc.stderr().trim().split('\n')).toEqual([`sidekick: Port ${port} is in use by another program. Pick another with --port <number> (--port 0 for any free port).`]);
    } finally {
      blocker.close();
    }
  });

  it('says so when another Sidekick server already has the port', async () => {
    const first = startCli(['serve', '--port', '0', '--quiet']);
    const { port } = await first.listening();
    const second = startCli(['serve', '--port', String(port)]);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toMatch(new RegExp(`A Sidekick server .* is already running on port ${port}`));
  });

  it('prints help for every command and one clear line for bad usage', async () => {
    const helps = [['--help'], ['serve', '--help'], ['run', '--help']].map((args) => startCli(args));
    for (const proc of helps) {
      expect(await proc.exited).toBe(0);
      expect(proc.stdout()).toMatch(/^Usage: sidekick/);
    }
    const bad = [['serve', '--bogus'], ['serve', '--port', 'abc'], ['frobnicate'], ['serve', '--limit', 'nope=1'], ['serve', '--allow-host', 'http://mybox.local:80']];
    for (const proc of bad.map((args) => startCli(args))) {
      expect(await proc.exited).toBe(2);
      expect(proc.stderr().trim().split('\n')).toHaveLength(1);
      expect(proc.stderr()).toMatch(/^sidekick: /);
    }
  });
});
