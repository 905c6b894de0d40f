// The two things a host gives the relay core (a read view of the session's
// peers) and gets back (effects to carry out). `P` is the host's own peer
// handle: a `ws` socket in Node, a hibernatable WebSocket in a Durable Object.
import type { PeerRecord } from './announce.js';
import type { CloseCodeValue } from './limits.js';

/**
 * Read view of one session's peers. Two implementations exist: a Map in the
 * Node server, `ctx.getWebSockets()` + attachments in the Durable Object.
 */
export interface PeerRegistry<P> {
  /**
   * Open peers of the session. Whether the peer an event is about is listed or
   * not does not matter: the core skips it by key. Peers the host has already
   * closed should not be listed.
   */
  peers(): Iterable<P>;
  /** Connection key, unique within the session and fixed for the connection's life. */
  keyOf(peer: P): string;
  /** The record last stored for this peer by a `store` effect, if any. */
  recordOf(peer: P): PeerRecord | undefined;
}

/** Send this exact text, unchanged, to each of these peers (in order). */
export interface SendEffect<P> {
  readonly kind: 'send';
  readonly to: readonly P[];
  readonly text: string;
}

/**
 * Send the frame this event is about, exactly as it arrived (its original
 * bytes, where the host has them), to each of these peers (in order). Only
 * `text` and `textBytes` return it.
 */
export interface ForwardEffect<P> {
  readonly kind: 'forward';
  readonly to: readonly P[];
}

/** Close this peer with this code and reason. */
export interface CloseEffect<P> {
  readonly kind: 'close';
  readonly peer: P;
  readonly code: CloseCodeValue;
  readonly reason: string;
}

/** Remember this record for this peer (replacing any earlier one); `recordOf` returns it from now on. */
export interface StoreEffect<P> {
  readonly kind: 'store';
  readonly peer: P;
  readonly record: PeerRecord;
}

/** Effects are carried out in the order given. */
export type RelayEffect<P> = SendEffect<P> | ForwardEffect<P> | CloseEffect<P> | StoreEffect<P>;

/**
 * What a `send` or `forward` sends: the effect's own text, or `frame`, the
 * frame the event was about (as the host received it: a string or its bytes).
 */
export function outgoing<F>(effect: SendEffect<unknown> | ForwardEffect<unknown>, frame: F | undefined): string | F {
  if (effect.kind === 'send') return effect.text;
  if (frame === undefined) throw new Error('the relay core forwarded a frame outside a frame event');
  return frame;
}
