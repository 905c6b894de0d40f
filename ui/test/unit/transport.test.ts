// @vitest-environment node
// The WebSocket transport against a real `ws` server, with the `ws` client
// standing in for the browser's WebSocket: status changes, parsing,
// reconnect with backoff, close.
import { type AddressInfo, createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as WsClient, WebSocketServer } from 'ws';
import { announce } from '../../src/messages/outgoing';
import { endpointFor, sessionFromPath } from '../../src/transport/location';
import type { TransportStatus } from '../../src/transport/types';
import { backoffDelay, type SocketLike, WebSocketTransport } from '../../src/transport/websocket';
import { opened } from './helpers';

const wsClient = (url: string) => new WsClient(url) as unknown as SocketLike;

const servers: WebSocketServer[] = [];
const transports: WebSocketTransport[] = [];

afterEach(async () => {
  for (const t of transports.splice(0)) t.close();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function listen(port = 0): Promise<WebSocketServer> {
  return new Promise((resolve) => {
    const server: WebSocketServer = new WebSocketServer({ host: '127.0.0.1', port }, (): void => resolve(server));
    servers.push(server);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function watch(transport: WebSocketTransport) {
  const statuses: TransportStatus[] = [];
  const messages: unknown[] = [];
  transport.subscribe({ onMessages: (ms) => messages.push(...opened(ms)), onStatus: (s) => statuses.push(s) });
  return { statuses, messages };
}

describe('WebSocketTransport', () => {
  it('connects, sends JSON, delivers checked messages (an invalid one as its reply) and skips non-JSON frames', async () => {
    const server = await listen();
    const received: string[] = [];
    let peer: WsClient | null = null;
    server.on('connection', (socket) => {
      peer = socket;
      socket.on('message', (data) => received.push(String(data)));
    });
    const transport = new WebSocketTransport(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, undefined, wsClient);
    transports.push(transport);
    const { statuses, messages } = watch(transport);
    expect(statuses).toEqual(['connecting']);
    await until(() => statuses.includes('connected') && peer !== null, 'connected');
    transport.send({ hello: 1 });
    await until(() => received.length === 1, 'a frame at the server');
    expect(JSON.parse(received[0]!)).toEqual({ hello: 1 });
    peer!.send('not json');
    peer!.send(JSON.stringify({ id: 0, component: 'label', type: 'spawn', target: 'l1', payload: {} }));
    peer!.send(JSON.stringify({ id: 0, component: 'global', type: 'clearAll' }));
    await until(() => messages.length === 2, 'two messages');
    expect(messages).toEqual([
      { type: 'refused', reply: { id: 0, component: 'label', type: 'error', src: 'l1', payload: { message: expect.stringContaining('text') } } },
      { id: 0, component: 'global', type: 'clearAll' },
    ]);
  });

  it('opens a batch frame: its messages in order, each checked on its own, then the next frame', async () => {
    const server = await listen();
    const label = (target: string, text?: string) => ({ id: 0, component: 'label', type: 'spawn', target, payload: text === undefined ? {} : { text } });
    const batch = { id: 0, component: 'system', type: 'batch', payload: { messages: [label('a', '1'), label('bad'), label('b', '2')] } };
    server.on('connection', (socket) => {
      socket.send(JSON.stringify(batch));
      socket.send(JSON.stringify(label('c', '3')));
    });
    const transport = new WebSocketTransport(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, undefined, wsClient);
    transports.push(transport);
    const batches: unknown[][] = [];
    transport.subscribe({ onMessages: (ms) => batches.push(opened(ms)), onStatus: () => undefined });
    await until(() => batches.length === 2, 'both frames');
    expect(batches[0]).toEqual([label('a', '1'), { type: 'refused', reply: expect.objectContaining({ type: 'error', src: 'bad' }) }, label('b', '2')]);
    expect(batches[1]).toEqual([label('c', '3')]);
  });

  it('announces itself online as a UI that accepts batch frames', () => {
    expect(announce('p', 'online').payload).toMatchObject({ role: 'sidekick', acceptsBatch: true });
    expect(announce('p', 'offline').payload).not.toHaveProperty('acceptsBatch');
  });

  it("reads the bare NaN and Infinity of Python's json.dumps (sidekick-py 0.0.7) as the strings repr() gives", async () => {
    const server = await listen();
    const set = (value: string) =>
      `{"id": 0, "component": "viz", "type": "update", "target": "v", "payload": {"action": "set", "variableName": "x", "options": {"valueRepresentation": {"type": "list", "id": "1", "value": ${value}}}}}`;
    server.on('connection', (socket) => socket.send(set('[{"type": "float", "id": "2", "value": NaN}, {"type": "float", "id": "3", "value": -Infinity}, {"type": "str", "id": "4", "value": "NaN"}]')));
    const transport = new WebSocketTransport(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, undefined, wsClient);
    transports.push(transport);
    const { messages } = watch(transport);
    await until(() => messages.length === 1, 'the frame');
    const float = (id: string, value: string) => ({ type: id === '4' ? 'str' : 'float', id, value });
    expect(messages).toEqual([
      {
        id: 0,
        component: 'viz',
        type: 'update',
        target: 'v',
        payload: { action: 'set', variableName: 'x', options: { valueRepresentation: { type: 'list', id: '1', value: [float('2', 'nan'), float('3', '-inf'), float('4', 'NaN')] } } },
      },
    ]);
  });

  it('reconnects after the server goes away, then stops for good on close()', async () => {
    const port = await freePort();
    let server = await listen(port);
    const transport = new WebSocketTransport(`ws://127.0.0.1:${port}`, { initialMs: 20, maxMs: 100 }, wsClient);
    transports.push(transport);
    const { statuses } = watch(transport);
    await until(() => statuses.at(-1) === 'connected', 'first connection');
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
    await until(() => statuses.at(-1) === 'reconnecting', 'reconnecting');
    server = await listen(port);
    await until(() => statuses.at(-1) === 'connected', 'second connection');
    expect(statuses.filter((s) => s === 'connected')).toHaveLength(2);
    transport.close();
    expect(statuses.at(-1)).toBe('closed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.clients.size).toBe(0);
    expect(statuses.at(-1)).toBe('closed');
  });

  it('says why the relay closed the connection while it reconnects', async () => {
    const server = await listen();
    server.on('connection', (socket) => socket.close(1008, 'session is full'));
    const transport = new WebSocketTransport(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { initialMs: 20, maxMs: 40 }, wsClient);
    transports.push(transport);
    const seen: string[] = [];
    transport.subscribe({ onMessages: () => undefined, onStatus: (status, reason) => seen.push(reason ? `${status} (${reason})` : status) });
    await until(() => seen.includes('reconnecting (session is full)'), 'the close reason');
    transport.close();
    expect(seen.at(-1)).toBe('closed');
  });

  it('keeps backing off while the relay refuses it, but retries soon after an ordinary drop', () => {
    vi.useFakeTimers();
    try {
      const sockets: SocketLike[] = [];
      const connect = (): SocketLike => {
        const socket: SocketLike = { readyState: 1, onopen: null, onmessage: null, onclose: null, send: () => undefined, close: () => undefined };
        sockets.push(socket);
        return socket;
      };
      const transport = new WebSocketTransport('ws://relay.test/', { initialMs: 100, maxMs: 10_000 }, connect);
      const openThenClose = (code: number) => {
        const socket = sockets.at(-1)!;
        socket.onopen?.(undefined as never);
        socket.onclose?.({ code, reason: '' });
      };
      openThenClose(1008); // refused: first retry after 80-120 ms
      vi.advanceTimersByTime(120);
      expect(sockets).toHaveLength(2);
      openThenClose(1008); // refused again: 160-240 ms, not back to 100
      vi.advanceTimersByTime(150);
      expect(sockets).toHaveLength(2);
      vi.advanceTimersByTime(90);
      expect(sockets).toHaveLength(3);
      openThenClose(1006); // an ordinary drop after a good connection: soon again
      vi.advanceTimersByTime(120);
      expect(sockets).toHaveLength(4);
      // The relay is down for a while (no socket opens), then a good connection, then one refusal:
      // the refusal starts the backoff from the beginning, whatever the outage before.
      for (let i = 0; i < 4; i++) {
        sockets.at(-1)!.onclose?.({ code: 1006, reason: '' });
        vi.advanceTimersByTime(10_000);
      }
      openThenClose(1009);
      const before = sockets.length;
      vi.advanceTimersByTime(120);
      expect(sockets).toHaveLength(before + 1);
      transport.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('backs off by doubling up to the cap, with jitter', () => {
    const options = { initialMs: 100, maxMs: 1000 };
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, options, () => 0.5))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(0, options, () => 0)).toBe(80);
    expect(backoffDelay(0, options, () => 1)).toBe(120);
  });
});

describe('endpoint from the page location', () => {
  const at = (pathname: string, search = '', protocol = 'http:') => endpointFor({ protocol, host: 'example.test:5163', pathname, search } as Location);

  it('uses the default session on / and the named one on /session/<id>', () => {
    expect(at('/')).toEqual({ url: 'ws://example.test:5163/', session: null });
    expect(at('/session/abc-123')).toEqual({ url: 'ws://example.test:5163/?session=abc-123', session: 'abc-123' });
    expect(at('/session/abc/', '', 'https:')).toEqual({ url: 'wss://example.test:5163/?session=abc', session: 'abc' });
    // No query parameter points the panel at another relay.
    expect(at('/', '?ws=ws://evil.example:9999/')).toEqual({ url: 'ws://example.test:5163/', session: null });
    expect(endpointFor({ protocol: 'http:', host: 'localhost:5173', pathname: '/session/s' }, 'localhost:5163')).toEqual({
      url: 'ws://localhost:5163/?session=s',
      session: 's',
    });
  });

  it('names the problem, instead of a session to join, for a malformed session id', () => {
    expect(at('/session/has%20space')).toMatchObject({ session: 'has space', problem: expect.stringContaining('not a valid session id') });
    expect(at(`/session/${'x'.repeat(129)}`).problem).toContain('not a valid session id');
    expect(at(`/session/${'x'.repeat(128)}`).problem).toBeUndefined();
  });

  it('ignores paths that are not a session', () => {
    expect(sessionFromPath('/sessions/x')).toBeNull();
    expect(sessionFromPath('/session/')).toBeNull();
    expect(sessionFromPath('/session/a/b')).toBeNull();
    expect(sessionFromPath('/session/%E0%A4%A')).toBeNull();
  });
});
