// WebSocket transport with reconnect-and-backoff (protocol.md "Transport").
// Frames come from the socket worker already screened (incoming.ts
// checkFrame), or from the page's own socket (no worker) as text that the
// store opens and checks within its frame budget.
import { type Incoming, Screened } from './incoming';
import type { Transport, TransportListener, TransportStatus } from './types';

export interface BackoffOptions {
  /** First retry delay in ms. */
  initialMs: number;
  /** Longest delay in ms. */
  maxMs: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 5000 };
const OPEN = 1; // WebSocket.OPEN
/**
 * Close codes a relay uses to refuse a peer (relay/src/limits.ts: unsupported
 * data, invalid payload, policy such as a full session, too big, internal
 * error, try again later). After one of these the backoff keeps growing, so a
 * refused page does not knock every 250 ms.
 */
const REFUSALS: ReadonlySet<number> = new Set([1003, 1007, 1008, 1009, 1011, 1013]);

/** The part of the browser WebSocket the transport uses (tests pass the `ws` client). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: never) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** The page's own WebSocket (workerSocket.ts moves it into a worker where it can). */
export const browserSocket = (url: string): SocketLike => new WebSocket(url) as unknown as SocketLike;

/** Delay before retry number `attempt` (0-based): doubling, capped, with ±20% jitter. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const base = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 16));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export class WebSocketTransport implements Transport {
  private socket: SocketLike | null = null;
  private status: TransportStatus = 'connecting';
  private reason: string | undefined;
  private readonly listeners = new Set<TransportListener>();
  private attempt = 0;
  /** Refusals since the last ordinary drop (REFUSALS). */
  private refusals = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
    private readonly connect: (url: string) => SocketLike = browserSocket,
  ) {
    this.open();
  }

  send(message: object): void {
    const socket = this.socket;
    if (socket && socket.readyState === OPEN) socket.send(JSON.stringify(message));
  }

  subscribe(listener: TransportListener): () => void {
    this.listeners.add(listener);
    listener.onStatus(this.status, this.reason);
    return () => {
      this.listeners.delete(listener);
    };
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'page closed');
    this.setStatus('closed');
  }

  private open(): void {
    let socket: SocketLike;
    try {
      socket = this.connect(this.url);
    } catch (error) {
      console.warn('[sidekick] cannot open WebSocket', this.url, error);
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.setStatus('connected');
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (REFUSALS.has(event.code)) {
        console.warn(`[sidekick] the relay closed the connection: ${event.code} ${event.reason}`);
        this.attempt = this.refusals++; // refused again and again: wait longer each time
      } else if (this.status === 'connected') {
        this.attempt = 0; // a dropped connection: retry soon
        this.refusals = 0;
      }
      this.scheduleRetry(event.reason || undefined);
    };
  }

  private receive(data: unknown): void {
    if (data instanceof Screened) return this.deliver(data.incoming, data.bytes);
    if (typeof data !== 'string') return; // the protocol uses text frames only
    this.deliver([{ type: 'frame', text: data, checked: false }], data.length);
  }

  private deliver(incoming: readonly Incoming[], bytes: number): void {
    if (incoming.length === 0) return;
    for (const listener of this.listeners) listener.onMessages(incoming, bytes);
  }

  private scheduleRetry(reason?: string): void {
    if (this.closed) return;
    this.setStatus('reconnecting', reason);
    const delay = backoffDelay(this.attempt++, this.backoff);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.closed) this.open();
    }, delay);
  }

  private setStatus(status: TransportStatus, reason?: string): void {
    // Still reconnecting after a retry that failed without a word: keep saying why the connection dropped.
    if (status === this.status && (reason === undefined || reason === this.reason)) return;
    this.status = status;
    this.reason = reason;
    for (const listener of this.listeners) listener.onStatus(status, this.reason);
  }
}
