// The server's edges: the parse step every request goes through (no request
// can take the process down), the refusal log and its advice, and the
// per-client session cap.
import { connect } from 'node:net';
import { CloseReason, SECURITY_HEADERS } from '@sidekick/relay';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../src/log.js';
import { type RunningServer, startServer } from '../src/server.js';

let server: RunningServer | undefined;
let logged: string[] = [];

afterEach(async () => {
  await server?.close();
  server = undefined;
  logged = [];
});

async function start(limits: Record<string, number> = {}): Promise<RunningServer> {
  server = await startServer({ port: 0, limits, logger: createLogger('quiet', (line) => logged.push(line)) });
  return server;
}

/** Writes raw bytes, returns what came back once the server closes (or after a second of quiet). */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(text));
    const timer = setTimeout(() => socket.destroy(), 1000);
    socket.on('data', (chunk: Buffer) => (got += chunk.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(got);
    });
    socket.on('error', () => undefined);
  });
}

const upgrade = (port: number, target: string, extra = '') =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;

/** Opens a WebSocket; resolves with its close (code, reason) or 'open' once it has stayed open for a round trip. */
function session(port: number, id: string, origin?: string): Promise<{ ws: WebSocket; closed: Promise<[number, string]> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/?session=${id}`, origin ? { origin } : {});
  const closed = new Promise<[number, string]>((resolve) => ws.on('close', (code, reason) => resolve([code, reason.toString()])));
  return new Promise((resolve, reject) => {
    ws.on('open', () => resolve({ ws, closed }));
    ws.on('error', reject);
  });
}

describe('the parse step at the edge', () => {
  it.each(['//', '///', '//:1', '//[', '/%', 'http://evil.example/', '*'])(
    'answers a WebSocket upgrade to %s with 400 and keeps serving',
    async (target) => {
      const { port } = await start();
      const answer = await raw(port, upgrade(port, target));
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toContain(`X-Frame-Options: ${SECURITY_HEADERS['X-Frame-Options']}`);
      const alive = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
      expect(alive).toMatchObject({ name: 'sidekick' });
    },
  );

  it('checks Host, then Origin, then the path: the first refusal is the one answered', async () => {
    const { port } = await start();
    const foreignHost = upgrade(port, '//', 'Origin: http://evil.example\r\n').replace(`Host: 127.0.0.1:${port}`, 'Host: evil.example');
    expect(await raw(port, foreignHost)).toMatch(/^HTTP\/1\.1 403 [^]*Host 'evil.example' is not allowed/);
    expect(await raw(port, upgrade(port, '//', 'Origin: http://evil.example\r\n'))).toMatch(/^HTTP\/1\.1 403 [^]*Origin http:\/\/evil.example may not/);
    expect(await raw(port, upgrade(port, '/?session=a&session=b'))).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('answers a request Node cannot read with 400 and a log line, bounded for a flood', async () => {
    const { port } = await start();
    expect(await raw(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await raw(port, 'NONSENSE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect(logged.some((line) => /refused a request: unreadable HTTP/.test(line))).toBe(true);
    for (let i = 0; i < 150; i++) await raw(port, `GET /x${i} HTTP/1.1\r\nHost: evil${i}.example\r\nConnection: close\r\n\r\n`);
    expect(logged.length).toBeLessThanOrEqual(102);
    expect(logged.at(-1)).toMatch(/no longer logging them/);
  });

  it('advises --allow-origin only for a real web origin, never for null', async () => {
    const { port } = await start();
    await raw(port, upgrade(port, '/', 'Origin: null\r\n'));
    await raw(port, upgrade(port, '/', 'Origin: http://localhost:5173\r\n'));
    const lines = logged.join('');
    expect(lines).not.toContain('--allow-origin null');
    expect(lines).toMatch(/origin null; pages without a web origin of their own .* cannot be allowed/);
    expect(lines).toContain('--allow-origin http://localhost:5173');
  });
});

describe('the per-client session cap', () => {
  it('refuses a client one session more than maxSessionsPerClient; others and the default session still get in', async () => {
    const { port } = await start({ maxSessionsPerClient: 2 });
    const own = `http://127.0.0.1:${port}`;
    const a = await session(port, 'a');
    await session(port, 'b');
    const third = await session(port, 'c');
    expect(await third.closed).toEqual([1013, CloseReason.tooManyClientSessions]);
    // Joining a session that exists is not opening one.
    const joiner = await session(port, 'a');
    // Another client (a UI page of this server, told apart by its Origin) may open its own.
    const page = await session(port, 'from-page', own);
    // The default session is always there for programs that know no session id.
    const plain = await session(port, 'default');
    for (const peer of [joiner, page, plain]) expect(peer.ws.readyState).toBe(WebSocket.OPEN);
    // Freeing a session gives the slot back.
    a.ws.close();
    joiner.ws.close();
    await Promise.all([a.closed, joiner.closed]);
    await expect
      .poll(async () => {
        const again = await session(port, 'c');
        const code = await Promise.race([again.closed.then(([c]) => c), new Promise((r) => setTimeout(() => r('open'), 100))]);
        again.ws.close();
        return code;
      })
      .toBe('open');
  });

  it('keeps the default session open to all even when maxSessions is reached', async () => {
    const { port } = await start({ maxSessions: 1 });
    await session(port, 'only');
    const refused = await session(port, 'second', `http://127.0.0.1:${port}`);
    expect((await refused.closed)[0]).toBe(1013);
    const plain = await session(port, 'default');
    plain.ws.send('{"x":1}');
    const echo = await session(port, 'default');
    expect(echo.ws.readyState).toBe(WebSocket.OPEN);
  });
});
