// The UI's one port to "the other side": a WebSocket to a relay, or a
// postMessage channel to a Pyodide worker. The panel never knows which.

export type TransportStatus = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface TransportListener {
  /**
   * One decoded protocol message (already JSON-parsed; not yet validated),
   * and its length on the wire when known (the store's queue bound counts it).
   */
  onMessage(message: unknown, bytes?: number): void;
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
