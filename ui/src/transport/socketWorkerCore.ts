// The inside of the socket worker (socketWorker.ts), without the worker: it
// owns one WebSocket, parses and checks its frames (incoming.ts checkFrame:
// the edge, off the page's main thread) and hands them to the page in batches.
//
// Why a worker at all: Chromium dispatches every WebSocket frame as its own
// task on the thread that owns the socket (~50 µs each on a small machine).
// On the page's main thread a flood of frames starves animation frames; in a
// worker the page gets one message per batch and keeps painting.
//
// The worker never gets far ahead of the page (issue 14 "the tab bounds
// itself"): the page acknowledges each batch once it has taken it, and when
// more than MAX_UNREAD_BYTES are posted but not yet taken (a page whose main
// thread is blocked or too slow) the worker stops reading: it closes its
// socket, as the relay would close a slow consumer, and the page reconnects
// and is rebuilt by the hero's replay. A browser WebSocket cannot pause.
import { Batcher, type BatchTimers } from './batcher';
import { checkFrame, type Incoming } from './incoming';
import type { SocketLike } from './websocket';

/** Page → worker. `taken` acknowledges a batch's `bytes` once the page has handed its messages on. */
export type ToSocketWorker =
  | { kind: 'open'; url: string }
  | { kind: 'send'; data: string }
  | { kind: 'close'; code?: number; reason?: string }
  | { kind: 'taken'; bytes: number };

/**
 * Worker → page. `incoming`: the screened messages of some frames, in order
 * (mostly CheckedFrames), always before the `close` that follows them;
 * `bytes` is the frames' total length.
 */
export type FromSocketWorker = { kind: 'open' } | { kind: 'incoming'; incoming: Incoming[]; bytes: number } | { kind: 'close'; code: number; reason: string };

/** The worker's side of its channel to the page (`self` in a worker, a MessagePort in tests). */
export interface PagePort {
  postMessage(message: FromSocketWorker): void;
  onmessage: ((event: { data: ToSocketWorker }) => void) | null;
}

export type Timers = BatchTimers;

/**
 * How long frames collect before they go to the page as one batch. The first
 * frame after a quiet spell goes at once, so a reply to a click is not held
 * back; only a stream that keeps coming is batched.
 */
export const BATCH_MS = 4;

/**
 * Bytes (UTF-16 code units) of frames past which the worker posts at once
 * rather than waiting for the timer: with batch frames (64 KiB each) a 4 ms
 * harvest could otherwise hand the page one task long enough to drop frames.
 */
export const MAX_POST_BYTES = 128 * 1024;

/** Close code for "the socket could not be opened" (no close frame was received). */
const ABNORMAL = 1006;

/** Bytes (UTF-16 code units) of frames posted to the page and not yet taken, past which the worker stops reading. */
export const MAX_UNREAD_BYTES = 8 * 1024 * 1024;

/** Close code and reason when the page fell behind (an application code: RFC 6455 section 7.4.2). */
export const FELL_BEHIND = { code: 4000, reason: 'the page fell behind; reconnecting to catch up' } as const;

export function runSocketWorker(
  page: PagePort,
  openSocket: (url: string) => SocketLike,
  timers: Timers = globalThis,
  maxUnreadBytes = MAX_UNREAD_BYTES,
): void {
  let socket: SocketLike | null = null;
  /** Posted to the page, not yet taken. */
  let unread = 0;
  const batch = new Batcher<string>(
    (frames, bytes) => {
      const incoming: Incoming[] = [];
      for (const frame of frames) checkFrame(frame, incoming);
      if (incoming.length === 0) return; // only other peers' events: nothing for the panel
      page.postMessage({ kind: 'incoming', incoming, bytes });
      unread += bytes;
    },
    { maxAgeMs: BATCH_MS, maxSize: MAX_POST_BYTES, sizeOf: (frame) => frame.length, timers },
  );
  // Stop reading for good: what is not yet posted is dropped (the replay brings it back).
  const fallBehind = (): void => {
    const gone = socket;
    if (!gone) return;
    gone.onmessage = null;
    gone.onclose = null;
    batch.clear();
    try {
      gone.close(FELL_BEHIND.code, FELL_BEHIND.reason);
    } catch {
      gone.close();
    }
    page.postMessage({ kind: 'close', code: FELL_BEHIND.code, reason: FELL_BEHIND.reason });
  };
  const receive = (data: unknown): void => {
    if (typeof data !== 'string') return; // the protocol uses text frames only
    if (unread + batch.pendingSize + data.length > maxUnreadBytes) return fallBehind();
    batch.add(data);
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
          batch.flush();
          page.postMessage({ kind: 'close', code: event.code, reason: event.reason });
        };
        return;
      }
      case 'send':
        if (socket?.readyState === 1) socket.send(command.data);
        return;
      case 'taken':
        unread = Math.max(0, unread - command.bytes);
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
