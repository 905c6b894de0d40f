// The inside of the socket worker (socketWorker.ts), without the worker: it
// owns one WebSocket and hands its frames to the page in batches.
//
// Why a worker at all: Chromium dispatches every WebSocket frame as its own
// task on the thread that owns the socket (~50 µs each on a small machine).
// On the page's main thread a flood of frames starves animation frames; in a
// worker the page gets one message per batch and keeps painting.
import type { SocketLike } from './websocket';

/** Page → worker. */
export type ToSocketWorker = { kind: 'open'; url: string } | { kind: 'send'; data: string } | { kind: 'close'; code?: number; reason?: string };

/** Worker → page. Frames always arrive before the `close` that follows them. */
export type FromSocketWorker = { kind: 'open' } | { kind: 'frames'; frames: string[] } | { kind: 'close'; code: number; reason: string };

/** The worker's side of its channel to the page (`self` in a worker, a MessagePort in tests). */
export interface PagePort {
  postMessage(message: FromSocketWorker): void;
  onmessage: ((event: { data: ToSocketWorker }) => void) | null;
}

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
}

/**
 * How long frames collect before they go to the page as one batch. The first
 * frame after a quiet spell goes at once, so a reply to a click is not held
 * back; only a stream that keeps coming is batched.
 */
export const BATCH_MS = 4;

/** Close code for "the socket could not be opened" (no close frame was received). */
const ABNORMAL = 1006;

export function runSocketWorker(page: PagePort, openSocket: (url: string) => SocketLike, timers: Timers = globalThis): void {
  let socket: SocketLike | null = null;
  let batch: string[] = [];
  let timerSet = false;

  const flush = (): void => {
    if (batch.length === 0) return;
    page.postMessage({ kind: 'frames', frames: batch });
    batch = [];
  };
  // Leading edge: post now, then collect until the timer; stop the timer once a tick finds nothing.
  const tick = (): void => {
    if (batch.length === 0) {
      timerSet = false;
      return;
    }
    flush();
    timers.setTimeout(tick, BATCH_MS);
  };
  const receive = (data: unknown): void => {
    if (typeof data !== 'string') return; // the protocol uses text frames only
    batch.push(data);
    if (timerSet) return;
    timerSet = true;
    flush();
    timers.setTimeout(tick, BATCH_MS);
  };

  page.onmessage = ({ data: command }) => {
    switch (command.kind) {
      case 'open': {
        if (socket) return;
        try {
          socket = openSocket(command.url);
        } catch (error) {
          page.postMessage({ kind: 'close', code: ABNORMAL, reason: `cannot open WebSocket: ${String(error)}` });
          return;
        }
        socket.onopen = () => page.postMessage({ kind: 'open' });
        socket.onmessage = (event) => receive(event.data);
        socket.onclose = (event) => {
          flush();
          page.postMessage({ kind: 'close', code: event.code, reason: event.reason });
        };
        return;
      }
      case 'send':
        if (socket?.readyState === 1) socket.send(command.data);
        return;
      case 'close':
        try {
          socket?.close(command.code, command.reason);
        } catch {
          socket?.close(); // a code or reason the browser refuses: close plainly, never throw in the worker
        }
        return;
    }
  };
}
