// @vitest-environment node
// The socket worker and the page's WorkerSocket: the worker's batching rules
// with a fake socket and fake timers, WorkerSocket's lifecycle with a fake
// worker, and the whole path (WebSocketTransport → WorkerSocket → MessageChannel
// → runSocketWorker → `ws` client) against a real `ws` server.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as WsClient, WebSocketServer } from 'ws';
import { BATCH_MS, FELL_BEHIND, type FromSocketWorker, type PagePort, runSocketWorker, type ToSocketWorker } from '../../src/transport/socketWorkerCore';
import type { TransportStatus } from '../../src/transport/types';
import { type SocketLike, WebSocketTransport } from '../../src/transport/websocket';
import { type WorkerLike, WorkerSocket } from '../../src/transport/workerSocket';

/** A valid protocol message (the transport passes on checked messages). */
const label = (n: number) => ({ id: 0, component: 'label', type: 'spawn', target: `l${n}`, payload: { text: 'x' } });

/** A socket the test drives by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((event: never) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  sent: string[] = [];
  closedWith: [number | undefined, string | undefined] | null = null;
  send(data: string): void {
    this.sent.push(data);
  }
  close(code?: number, reason?: string): void {
    this.closedWith = [code, reason];
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(undefined as never);
  }
  frame(data: unknown): void {
    this.onmessage?.({ data });
  }
  closed(code: number, reason: string): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

/** Timers the test fires by hand. */
class ManualTimers {
  private pending: Array<() => void> = [];
  readonly delays: number[] = [];
  setTimeout(run: () => void, ms: number): unknown {
    this.pending.push(run);
    this.delays.push(ms);
    return this.pending.length;
  }
  fire(): void {
    const due = this.pending;
    this.pending = [];
    for (const run of due) run();
  }
  get count(): number {
    return this.pending.length;
  }
}

function workerWithFakeSocket(maxUnreadBytes?: number) {
  const posted: FromSocketWorker[] = [];
  const page: PagePort = { postMessage: (m) => posted.push(m), onmessage: null };
  const timers = new ManualTimers();
  const sockets: FakeSocket[] = [];
  runSocketWorker(
    page,
    () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    timers,
    maxUnreadBytes,
  );
  const command = (data: ToSocketWorker) => page.onmessage!({ data });
  command({ kind: 'open', url: 'ws://relay.test/' });
  return { posted, timers, socket: sockets[0]!, sockets, command };
}

describe('runSocketWorker (inside the socket worker)', () => {
  it('posts the first frame after a quiet spell at once, then batches a stream until the timer', () => {
    const { posted, timers, socket } = workerWithFakeSocket();
    socket.open();
    expect(posted).toEqual([{ kind: 'open' }]);
    socket.frame('a');
    expect(posted.at(-1)).toEqual({ kind: 'frames', frames: ['a'], bytes: 1 }); // a click's reply is not held back
    socket.frame('b');
    socket.frame('c');
    expect(posted).toHaveLength(2); // collecting
    expect(timers.delays).toEqual([BATCH_MS]);
    timers.fire();
    expect(posted.at(-1)).toEqual({ kind: 'frames', frames: ['b', 'c'], bytes: 2 });
    expect(timers.count).toBe(1); // still streaming: keep the timer going
    timers.fire(); // nothing came: the worker goes quiet
    expect(timers.count).toBe(0);
    expect(posted).toHaveLength(3);
    socket.frame('d');
    expect(posted.at(-1)).toEqual({ kind: 'frames', frames: ['d'], bytes: 1 });
  });

  it('hands on text frames only, and flushes pending frames before the close', () => {
    const { posted, socket } = workerWithFakeSocket();
    socket.open();
    socket.frame('first');
    socket.frame(new ArrayBuffer(4));
    socket.frame('second');
    socket.closed(1008, 'session is full');
    expect(posted).toEqual([
      { kind: 'open' },
      { kind: 'frames', frames: ['first'], bytes: 5 },
      { kind: 'frames', frames: ['second'], bytes: 6 },
      { kind: 'close', code: 1008, reason: 'session is full' },
    ]);
  });

  it('sends only while open, closes on request and opens one socket only', () => {
    const { socket, sockets, command } = workerWithFakeSocket();
    command({ kind: 'send', data: 'too early' });
    socket.open();
    command({ kind: 'send', data: '{"x":1}' });
    command({ kind: 'open', url: 'ws://relay.test/again' });
    command({ kind: 'close', code: 1000, reason: 'page closed' });
    expect(socket.sent).toEqual(['{"x":1}']);
    expect(sockets).toHaveLength(1);
    expect(socket.closedWith).toEqual([1000, 'page closed']);
  });

  it('closes plainly when the browser refuses the close code, instead of throwing in the worker', () => {
    const { socket, command } = workerWithFakeSocket();
    const calls: Array<[number | undefined, string | undefined]> = [];
    socket.close = (code?: number, reason?: string) => {
      calls.push([code, reason]);
      if (code !== undefined) throw new DOMException('code must be 1000 or 3000-4999', 'InvalidAccessError');
    };
    socket.open();
    expect(() => command({ kind: 'close', code: 1001, reason: 'going away' })).not.toThrow();
    expect(calls).toEqual([
      [1001, 'going away'],
      [undefined, undefined],
    ]);
  });

  it('stops reading when the page has not taken MAX_UNREAD_BYTES: closes its socket and says why', () => {
    const { posted, timers, socket, command } = workerWithFakeSocket(10);
    socket.open();
    socket.frame('aaaa'); // posted at once: 4 unread
    socket.frame('bbbb'); // batched: 8
    timers.fire(); // posted: 8 unread
    command({ kind: 'taken', bytes: 4 }); // the page took the first batch: 4 unread
    socket.frame('cccccc'); // 10: still within the bound
    socket.frame('d'); // 11: past it
    expect(socket.closedWith).toEqual([FELL_BEHIND.code, FELL_BEHIND.reason]);
    expect(posted.slice(1)).toEqual([
      { kind: 'frames', frames: ['aaaa'], bytes: 4 },
      { kind: 'frames', frames: ['bbbb'], bytes: 4 },
      { kind: 'close', ...FELL_BEHIND },
    ]);
    socket.frame('late'); // nothing more is read or posted
    socket.closed(4000, 'the close handshake ends later');
    timers.fire();
    expect(posted).toHaveLength(4);
  });

  it('reads on for as long as the page keeps taking what it was sent', () => {
    const { posted, timers, socket, command } = workerWithFakeSocket(10);
    socket.open();
    for (let i = 0; i < 100; i++) {
      socket.frame('01234');
      socket.frame('56789');
      timers.fire();
      for (const message of posted.splice(1)) if (message.kind === 'frames') command({ kind: 'taken', bytes: message.bytes });
    }
    expect(socket.closedWith).toBeNull();
  });

  it('reports a socket that cannot be opened as a close with the reason', () => {
    const posted: FromSocketWorker[] = [];
    const page: PagePort = { postMessage: (m) => posted.push(m), onmessage: null };
    runSocketWorker(page, () => {
      throw new SyntaxError('bad url');
    });
    page.onmessage!({ data: { kind: 'open', url: 'nonsense' } });
    expect(posted).toEqual([{ kind: 'close', code: 1006, reason: 'cannot open WebSocket: SyntaxError: bad url' }]);
  });
});

/** A worker the test answers for. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: { data: FromSocketWorker }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  received: ToSocketWorker[] = [];
  terminated = false;
  postMessage(message: ToSocketWorker): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(message: FromSocketWorker): void {
    this.onmessage?.({ data: message });
  }
}

describe('WorkerSocket (the page side)', () => {
  it('opens through the worker, hands on each batched frame in order, and sends only while open', () => {
    const worker = new FakeWorker();
    const socket = new WorkerSocket('ws://relay.test/', worker);
    const frames: unknown[] = [];
    let opened = 0;
    socket.onopen = () => opened++;
    socket.onmessage = (event) => frames.push(event.data);
    expect(worker.received).toEqual([{ kind: 'open', url: 'ws://relay.test/' }]);
    socket.send('early');
    worker.answer({ kind: 'open' });
    socket.send('hello');
    worker.answer({ kind: 'frames', frames: ['1', '2', '3'], bytes: 3 });
    expect(opened).toBe(1);
    expect(socket.readyState).toBe(1);
    expect(frames).toEqual(['1', '2', '3']);
    // The batch is acknowledged once handed on, so the worker may read on.
    expect(worker.received.slice(1)).toEqual([
      { kind: 'send', data: 'hello' },
      { kind: 'taken', bytes: 3 },
    ]);
  });

  it('passes the close code and reason on and stops the worker', () => {
    const worker = new FakeWorker();
    const socket = new WorkerSocket('ws://relay.test/', worker);
    const closes: Array<{ code: number; reason: string }> = [];
    socket.onclose = (event) => closes.push(event);
    worker.answer({ kind: 'open' });
    socket.close(1000, 'page closed');
    socket.close(1000, 'twice');
    expect(worker.received.slice(1)).toEqual([{ kind: 'close', code: 1000, reason: 'page closed' }]);
    expect(socket.readyState).toBe(2);
    worker.answer({ kind: 'close', code: 1000, reason: 'page closed' });
    worker.answer({ kind: 'close', code: 1000, reason: 'again' });
    expect(closes).toEqual([{ code: 1000, reason: 'page closed' }]);
    expect(socket.readyState).toBe(3);
    expect(worker.terminated).toBe(true);
  });

  it('treats a worker that fails to start as an abnormal close and says so', () => {
    const worker = new FakeWorker();
    let failed = 0;
    const socket = new WorkerSocket('ws://relay.test/', worker, () => failed++);
    const closes: number[] = [];
    socket.onclose = (event) => closes.push(event.code);
    worker.onerror!(new Event('error'));
    expect(failed).toBe(1);
    expect(closes).toEqual([1006]);
    expect(worker.terminated).toBe(true);
  });

  it('treats a worker error after the socket opened as a dropped connection, not a reason to give up workers', () => {
    const worker = new FakeWorker();
    let failed = 0;
    const socket = new WorkerSocket('ws://relay.test/', worker, () => failed++);
    const closes: number[] = [];
    socket.onclose = (event) => closes.push(event.code);
    worker.answer({ kind: 'open' });
    worker.onerror!(new Event('error'));
    expect(failed).toBe(0);
    expect(closes).toEqual([1006]);
  });
});

describe('WebSocketTransport through the socket worker, against a real ws server', () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** WorkerSockets whose worker side runs here, across a real MessageChannel, with the `ws` client. */
  function channelSocket(url: string): SocketLike {
    const channel = new MessageChannel();
    cleanups.push(() => {
      channel.port1.close();
      channel.port2.close();
    });
    runSocketWorker(channel.port2 as unknown as PagePort, (u) => new WsClient(u) as unknown as SocketLike);
    const worker: WorkerLike = {
      postMessage: (m) => channel.port1.postMessage(m),
      onmessage: null,
      onerror: null,
      terminate: () => channel.port1.close(),
    };
    channel.port1.onmessage = (event: MessageEvent<FromSocketWorker>) => worker.onmessage?.({ data: event.data });
    return new WorkerSocket(url, worker);
  }

  async function until(check: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('delivers a flood complete and in order, sends, and reconnects after a refusal with its reason', async () => {
    const server = await new Promise<WebSocketServer>((resolve) => {
      const s: WebSocketServer = new WebSocketServer({ host: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const client of server.clients) client.terminate();
          server.close(() => resolve());
        }),
    );
    const received: string[] = [];
    let connections = 0;
    server.on('connection', (peer) => {
      connections++;
      peer.on('message', (data) => received.push(String(data)));
      if (connections === 1) {
        for (let i = 0; i < 3000; i++) peer.send(JSON.stringify(label(i)));
        peer.send('not json');
        peer.close(1008, 'session is full');
      }
    });
    const { port } = server.address() as { port: number };
    const transport = new WebSocketTransport(`ws://127.0.0.1:${port}/`, { initialMs: 20, maxMs: 40 }, channelSocket);
    cleanups.push(() => transport.close());
    const messages: unknown[] = [];
    const statuses: Array<[TransportStatus, string | undefined]> = [];
    transport.subscribe({ onMessages: (ms) => messages.push(...ms), onStatus: (s, why) => statuses.push([s, why]) });

    await until(() => statuses.some(([s]) => s === 'reconnecting'), 'the refusal');
    expect(messages).toEqual(Array.from({ length: 3000 }, (_, n) => label(n)));
    expect(statuses).toContainEqual(['reconnecting', 'session is full']);
    await until(() => connections === 2 && statuses.at(-1)?.[0] === 'connected', 'the reconnect');
    transport.send({ hello: 'again' });
    await until(() => received.length === 1, 'the sent message');
    expect(JSON.parse(received[0]!)).toEqual({ hello: 'again' });
  });
});
