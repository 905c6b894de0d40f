// A plain `ws` client that records what it receives, for the conformance suite.
import type { Socket } from 'node:net';
import WebSocket from 'ws';

export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
}

/**
 * Conditions waited for by event, not by polling: `until` resolves once
 * `ready()` holds, re-checked whenever the owner calls `recheck()`.
 */
export class Waits {
  private checks = new Set<() => void>();

  constructor(private readonly progress: () => string) {}

  /** Rejects after `timeoutMs`, a guard against hangs, not a timing assertion. */
  until(ready: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.checks.delete(check);
        reject(new Error(`timed out waiting for ${what} (${this.progress()})`));
      }, timeoutMs);
      const check = () => {
        if (!ready()) return;
        clearTimeout(timer);
        this.checks.delete(check);
        resolve();
      };
      this.checks.add(check);
    });
  }

  recheck(): void {
    for (const check of [...this.checks]) check();
  }
}

export class TestPeer {
  readonly messages: string[] = [];
  readonly binaryCount = { value: 0 };
  closeInfo: CloseInfo | undefined;
  readonly closed: Promise<CloseInfo>;
  private readonly waits = new Waits(() => `got ${this.messages.length} messages`);

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) this.binaryCount.value++;
      else this.messages.push(data.toString());
      this.waits.recheck();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code: number, reason: Buffer) => {
        this.closeInfo = { code, reason: reason.toString() };
        resolve(this.closeInfo);
        this.waits.recheck();
      });
    });
    ws.on('error', () => {
      // Errors end in a close event, which is what the tests look at.
    });
  }

  /** Connects; rejects with the HTTP status when the upgrade is refused. */
  static open(url: string): Promise<TestPeer> {
    const ws = new WebSocket(url);
    const peer = new TestPeer(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(peer));
      ws.once('unexpected-response', (_request, response) => {
        reject(new RefusedError(response.statusCode ?? 0));
        response.resume();
        ws.terminate();
      });
      ws.once('error', (error) => reject(error));
    });
  }

  send(text: string | Buffer, binary = false): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.send(text, { binary }, (error) => (error ? reject(error) : resolve()));
    });
  }

  announce(peerId: string, role: string, status: 'online' | 'offline', timestamp = Date.now()): Promise<void> {
    return this.send(announceFrame(peerId, role, status, timestamp));
  }

  /** Resolves once `ready()` holds, re-checked on every message and on close. */
  until(ready: () => boolean, what: string, timeoutMs?: number): Promise<void> {
    return this.waits.until(ready, what, timeoutMs);
  }

  /** Resolves with the `index`-th message received (0-based). */
  async message(index: number, timeoutMs?: number): Promise<string> {
    await this.until(() => this.messages.length > index, `message #${index}`, timeoutMs);
    return this.messages[index]!;
  }

  /** Stops reading from the socket, so the relay's data piles up for this peer. */
  pauseReading(): void {
    rawSocket(this.ws).pause();
  }

  resumeReading(): void {
    rawSocket(this.ws).resume();
  }

  /** Closes the TCP connection without a close frame (an abrupt disconnect). */
  terminate(): void {
    this.ws.terminate();
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    const timer = setTimeout(() => this.ws.terminate(), 2000);
    await this.closed;
    clearTimeout(timer);
  }
}

export class RefusedError extends Error {
  constructor(readonly status: number) {
    super(`WebSocket upgrade refused with HTTP ${status}`);
  }
}

function rawSocket(ws: WebSocket): Socket {
  // `ws` keeps the TCP socket in a private field; pausing it is the only way to
  // make a peer that stops reading.
  return (ws as unknown as { _socket: Socket })._socket;
}

export function announceFrame(peerId: string, role: string, status: 'online' | 'offline', timestamp: number): string {
  return JSON.stringify({
    id: 0,
    component: 'system',
    type: 'announce',
    payload: { peerId, role, status, version: 'conformance-1', timestamp },
  });
}

export interface AnnouncePayload {
  peerId: string;
  role: string;
  status: string;
  version: string;
  timestamp: number;
}

/** The payload of an announce text, or undefined for any other message. */
export function announceOf(text: string): AnnouncePayload | undefined {
  const message = JSON.parse(text) as { component?: string; type?: string; payload?: AnnouncePayload };
  return message.component === 'system' && message.type === 'announce' ? message.payload : undefined;
}
