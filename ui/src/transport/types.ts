// The UI's one port to "the other side": a WebSocket to a relay, or a
// postMessage channel to a Pyodide worker. The panel never knows which.
import type { Incoming } from './incoming';

export type TransportStatus = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface TransportListener {
  /**
   * Messages in arrival order, parsed and checked against the schema at the
   * edge (incoming.ts; an invalid one comes as its `error` reply), and the
   * length of the frames they came in when known (0 otherwise; the store's
   * queue bound counts it).
   */
  onMessages(messages: readonly Incoming[], bytes: number): void;
  /**
   * Called synchronously on subscribe with the current status, then on every
   * change. `reason` says why the connection dropped, when the other side said
   * (a WebSocket close reason such as "session is full").
   */
  onStatus(status: TransportStatus, reason?: string): void;
}

export interface Transport {
  /** Send one protocol message. Dropped silently while not connected. */
  send(message: object): void;
  /** Start listening; returns the unsubscribe function. */
  subscribe(listener: TransportListener): () => void;
  /** Stop for good (no reconnect). */
  close(): void;
}
