// @vitest-environment node
// The socket worker and the page's WorkerSocket: the worker's batching rules
// with a fake socket and fake timers, WorkerSocket's lifecycle with a fake
// worker, and the whole path (WebSocketTransport → WorkerSocket → MessageChannel
// → runSocketWorker → `ws` client) against a real `ws` server.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as WsClient, WebSocketServer } from 'ws';
import { type Incoming, Screened } from '../../src/transport/incoming';
import { opened } from './helpers';
import { BATCH_MS, FELL_BEHIND, type FromSocketWorker, type PagePort, runSocketWorker, type ToSocketWorker } from '../../src/transport/socketWorkerCore';
import type { TransportStatus } from '../../src/transport/types';
import { type SocketLike, WebSocketTransport } from '../../src/transport/websocket';
import { type WorkerLike, WorkerSocket } from '../../src/transport/workerSocket';

/** A valid protocol message (the transport passes on checked messages). */
const label = (n: number) => ({ id: 0, component: 'label', type: 'spawn', target: `l${n}`, payload: { text: 'x' } });
/** The frame of label(n); every frame of n < 10 has the same length. */
const frame = (n: number) => JSON.stringify(label(n));
const FRAME = frame(0).length;
/** What the worker posts for single-message frames: their texts, for the page to check. */
const posting = (...texts: string[]): FromSocketWorker => ({
  kind: 'incoming',
  incoming: texts.map((text) => ({ type: 'frame', text, checked: false })),
  bytes: texts.reduce((sum, text) => sum + text.length, 0),
});
/** A batch frame as our hero writes it. */
const batchOf = (...messages: object[]) => JSON.stringify({ id: 0, component: 'system', type: 'batch', payload: { messages } });

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
    socket.frame(frame(1));
    expect(posted.at(-1)).toEqual(posting(frame(1))); // a click's reply is not held back
    socket.frame(frame(2));
    socket.frame(frame(3));
    expect(posted).toHaveLength(2); // collecting
    expect(timers.delays).toEqual([BATCH_MS]);
    timers.fire();
    expect(posted.at(-1)).toEqual(posting(frame(2), frame(3)));
    expect(timers.count).toBe(1); // still streaming: keep the timer going
    timers.fire(); // nothing came: the worker goes quiet
    expect(timers.count).toBe(0);
    expect(posted).toHaveLength(3);
    socket.frame(frame(4));
    expect(posted.at(-1)).toEqual(posting(frame(4)));
  });

  it('hands on text frames only, and flushes pending frames before the close', () => {
    const { posted, socket } = workerWithFakeSocket();
    socket.open();
    socket.frame(frame(1));
    socket.frame(new ArrayBuffer(4));
    socket.frame(frame(2));
    socket.closed(1008, 'session is full');
    expect(posted).toEqual([{ kind: 'open' }, posting(frame(1)), posting(frame(2)), { kind: 'close', code: 1008, reason: 'session is full' }]);
  });

  it('is the edge for batch frames: checked here, handed on whole when all is well, else as messages and refusals in place', () => {
    const { posted, timers, socket } = workerWithFakeSocket();
    socket.open();
    socket.frame(frame(1));
    const good = batchOf(label(2), label(3));
    const mixed = batchOf(label(4), { id: 0, component: 'grid', type: 'update' }, label(5));
    for (const text of [good, mixed, frame(6)]) socket.frame(text);
    timers.fire();
    expect(posted).toHaveLength(3);
    const last = posted[2] as Extract<FromSocketWorker, { kind: 'incoming' }>;
    expect(last.incoming).toEqual([
      { type: 'frame', text: good, checked: true },
      label(4),
      { type: 'refused', reply: expect.objectContaining({ type: 'error', component: 'grid' }) },
      label(5),
      { type: 'frame', text: frame(6), checked: false },
    ]);
    expect(last.bytes).toBe(good.length + mixed.length + frame(6).length);
    expect(opened(last.incoming).filter((one) => one.type === 'spawn')).toEqual([label(2), label(3), label(4), label(5), label(6)]);
  });

  it('leaves single-message frames for the page to check, bad ones included', () => {
    const bad = JSON.stringify({ id: 0, component: 'label', type: 'spawn', target: 'x', payload: { text: 5 } });
    const { posted, socket } = workerWithFakeSocket();
    socket.open();
    socket.frame(bad);
    expect(posted.at(-1)).toEqual(posting(bad));
    const incoming = (posted.at(-1) as Extract<FromSocketWorker, { kind: 'incoming' }>).incoming;
    expect(opened(incoming)).toMatchObject([{ type: 'refused', reply: { component: 'label', src: 'x' } }]);
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
    const { posted, timers, socket, command } = workerWithFakeSocket(2.5 * FRAME);
    socket.open();
    socket.frame(frame(1)); // posted at once: 1 frame unread
    socket.frame(frame(2)); // batched: 2
    timers.fire(); // posted: 2 unread
    command({ kind: 'taken', bytes: FRAME }); // the page took the first batch: 1 unread
    socket.frame(frame(3)); // 2: still within the bound
    socket.frame(frame(4)); // 3: past it
    expect(socket.closedWith).toEqual([FELL_BEHIND.code, FELL_BEHIND.reason]);
    expect(posted.slice(1)).toEqual([posting(frame(1)), posting(frame(2)), { kind: 'close', ...FELL_BEHIND }]);
    socket.frame(frame(5)); // nothing more is read or posted
    socket.closed(4000, 'the close handshake ends later');
    timers.fire();
    expect(posted).toHaveLength(4);
  });

  it('reads on for as long as the page keeps taking what it was sent', () => {
    const { posted, timers, socket, command } = workerWithFakeSocket(2 * FRAME);
    socket.open();
    for (let i = 0; i < 100; i++) {
      socket.frame(frame(1));
      socket.frame(frame(2));
      timers.fire();
      for (const message of posted.splice(1)) if (message.kind === 'incoming') command({ kind: 'taken', bytes: message.bytes });
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
  it('opens through the worker, hands on each batch of screened messages, and sends only while open', () => {
    const worker = new FakeWorker();
    const socket = new WorkerSocket('ws://relay.test/', worker);
    const data: unknown[] = [];
    let opens = 0;
    socket.onopen = () => opens++;
    socket.onmessage = (event) => data.push(event.data);
    expect(worker.received).toEqual([{ kind: 'open', url: 'ws://relay.test/' }]);
    socket.send('early');
    worker.answer({ kind: 'open' });
    socket.send('hello');
    worker.answer(posting('1', '2'));
    expect(opens).toBe(1);
    expect(socket.readyState).toBe(1);
    expect(data).toEqual([new Screened((posting('1', '2') as { incoming: Incoming[] }).incoming, 2)]);
    expect(data[0]).toBeInstanceOf(Screened);
    // The batch is acknowledged once handed on, so the worker may read on.
    expect(worker.received.slice(1)).toEqual([
      { kind: 'send', data: 'hello' },
      { kind: 'taken', bytes: 2 },
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
    transport.subscribe({ onMessages: (ms) => messages.push(...opened(ms)), onStatus: (s, why) => statuses.push([s, why]) });

    await until(() => statuses.some(([s]) => s === 'reconnecting'), 'the refusal');
    expect(messages).toEqual(Array.from({ length: 3000 }, (_, n) => label(n)));
    expect(statuses).toContainEqual(['reconnecting', 'session is full']);
    await until(() => connections === 2 && statuses.at(-1)?.[0] === 'connected', 'the reconnect');
    transport.send({ hello: 'again' });
    await until(() => received.length === 1, 'the sent message');
    expect(JSON.parse(received[0]!)).toEqual({ hello: 'again' });
  });
});
