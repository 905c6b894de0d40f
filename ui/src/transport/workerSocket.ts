// The page's end of the socket worker: a SocketLike whose WebSocket lives in
// a Web Worker (socketWorkerCore.ts says why), so WebSocketTransport keeps its
// reconnect logic unchanged. The worker has already screened the frames, so
// they arrive as Screened messages, in batches, in order.
import { Screened } from './incoming';
import type { FromSocketWorker, ToSocketWorker } from './socketWorkerCore';
import { browserSocket, type SocketLike } from './websocket';

/** The part of a Worker this uses (tests pass a MessagePort-backed fake). */
export interface WorkerLike {
  postMessage(message: ToSocketWorker): void;
  onmessage: ((event: { data: FromSocketWorker }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  terminate(): void;
}

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

export class WorkerSocket implements SocketLike {
  readyState = CONNECTING;
  onopen: ((event: never) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;

  /** `onWorkerFailed` runs if the worker fails before its socket opened (e.g. its script did not load). */
  constructor(
    url: string,
    private readonly worker: WorkerLike,
    private readonly onWorkerFailed: () => void = () => undefined,
  ) {
    worker.onmessage = ({ data }) => this.handle(data);
    worker.onerror = () => {
      // Before the socket opened this is most likely the worker's script not
      // loading at all: later connections then use the page's own socket.
      if (this.readyState === CONNECTING) this.onWorkerFailed();
      this.finish(1006, 'the socket worker failed');
    };
    worker.postMessage({ kind: 'open', url });
  }

  send(data: string): void {
    if (this.readyState === OPEN) this.worker.postMessage({ kind: 'send', data });
  }

  close(code?: number, reason?: string): void {
    if (this.readyState >= CLOSING) return;
    this.readyState = CLOSING;
    this.worker.postMessage({ kind: 'close', code, reason });
  }

  private handle(message: FromSocketWorker): void {
    switch (message.kind) {
      case 'open':
        if (this.readyState !== CONNECTING) return;
        this.readyState = OPEN;
        this.onopen?.(undefined as never);
        return;
      case 'incoming':
        if (this.readyState === CLOSED) return;
        this.onmessage?.({ data: new Screened(message.incoming, message.bytes) });
        // Taken: the worker may read on (socketWorkerCore.ts MAX_UNREAD_BYTES).
        if (this.readyState === OPEN) this.worker.postMessage({ kind: 'taken', bytes: message.bytes });
        return;
      case 'close':
        this.finish(message.code, message.reason);
        return;
    }
  }

  private finish(code: number, reason: string): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.worker.terminate();
    this.onclose?.({ code, reason });
  }
}

/** False once a socket worker failed to start: later connections use the page's own socket. */
let workersUsable = typeof Worker === 'function';

/**
 * Open `url` through a socket worker, or directly when workers are not
 * available. Throws at once for a URL the browser's WebSocket would refuse,
 * like `new WebSocket(url)` does.
 */
export function workerSocket(url: string): SocketLike {
  if (!workersUsable) return browserSocket(url);
  const { protocol } = new URL(url);
  if (protocol !== 'ws:' && protocol !== 'wss:') throw new SyntaxError(`not a WebSocket URL: ${url}`);
  let worker: WorkerLike;
  try {
    worker = new Worker(new URL('./socketWorker.ts', import.meta.url), { type: 'module', name: 'sidekick-socket' }) as unknown as WorkerLike;
  } catch {
    workersUsable = false;
    return browserSocket(url);
  }
  return new WorkerSocket(url, worker, () => {
    workersUsable = false;
  });
}
