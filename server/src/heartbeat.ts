// Idle detection: ping every peer each interval; one that has not answered the
// previous ping by the next tick is dead (its 'close' then runs the usual leave).
import type { WebSocket } from 'ws';

export interface Beating {
  readonly ws: WebSocket;
  /** Cleared at each ping, set again by the pong (see `watchPongs`). */
  alive: boolean;
}

export function watchPongs(peer: Beating): void {
  peer.ws.on('pong', () => {
    peer.alive = true;
  });
}

/** Starts the timer (never keeping the process alive); returns its stop function. */
export function startHeartbeat<P extends Beating>(
  intervalMs: number,
  peers: () => Iterable<P>,
  onDead: (peer: P) => void,
): () => void {
  if (intervalMs <= 0) return () => {};
  const timer = setInterval(() => {
    for (const peer of peers()) {
      if (!peer.alive) {
        onDead(peer);
        peer.ws.terminate();
        continue;
      }
      peer.alive = false;
      peer.ws.ping();
    }
  }, intervalMs).unref();
  return () => clearInterval(timer);
}
