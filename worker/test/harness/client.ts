// A real `ws` client with an inbox, for tests: await the next message or the
// close, with deadlines so a missing frame fails the test instead of hanging.
import WebSocket from 'ws';

export interface Closed {
  code: number;
  reason: string;
}

export interface ClientOptions {
  /** Offer permessage-deflate (browsers always do; `ws` does by default). */
  compress?: boolean;
}

export class Client {
  private readonly inbox: string[] = [];
  private readonly waiters: ((text: string) => void)[] = [];
  readonly closed: Promise<Closed>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? `<binary ${String(data)}>` : String(data);
      const waiter = this.waiters.shift();
      if (waiter) waiter(text);
      else this.inbox.push(text);
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    // A reset connection ends in a close event, which is what tests look at;
    // without a listener an 'error' would be thrown out of the event loop.
    socket.on('error', () => undefined);
  }

  static open(url: string, options: ClientOptions = {}): Promise<Client> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: options.compress ?? false });
      const client = new Client(socket);
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) => {
        reject(new Error(`upgrade refused: HTTP ${response.statusCode}`));
      });
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next text frame, or a rejection after `ms`. */
  next(ms = 5000): Promise<string> {
    const queued = this.inbox.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new Error(`no message within ${ms} ms`));
      }, ms);
      const waiter = (text: string): void => {
        clearTimeout(timer);
        resolve(text);
      };
      this.waiters.push(waiter);
    });
  }

  async nextJson(ms?: number): Promise<Record<string, unknown>> {
    return JSON.parse(await this.next(ms)) as Record<string, unknown>;
  }

  /** Resolves true if no message arrives within `ms` (used after a barrier, never as timing). */
  async silentFor(ms: number): Promise<boolean> {
    try {
      await this.next(ms);
      return false;
    } catch {
      return true;
    }
  }

  /** Messages already received and not yet read. */
  pending(): readonly string[] {
    return this.inbox;
  }

  close(code?: number, reason?: string): Promise<Closed> {
    this.socket.close(code, reason);
    return this.closed;
  }

  /** Drop the TCP connection without a close frame (a crashed peer). */
  terminate(): Promise<Closed> {
    this.socket.terminate();
    return this.closed;
  }
}

export function announce(peerId: string, role: 'hero' | 'sidekick', status: 'online' | 'offline' = 'online') {
  return {
    id: 0,
    component: 'system',
    type: 'announce',
    payload: { peerId, role, status, version: '0.1.0', timestamp: 1_700_000_000_000 },
  };
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
