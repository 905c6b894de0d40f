// Carries out the relay core's effects on hibernatable sockets. A send that
// throws closes only that peer (1011) and the others still get the frame.
import { CloseCode, CloseReason, outgoing, type RelayEffect } from '@sidekick/relay';
import { closeQuietly } from './close-socket.js';
import type { SocketRegistry } from './socket-registry.js';

/** Applies `effects` in order (a `forward` sends `frame`, the text received); returns the sockets it closed. */
export function apply(effects: readonly RelayEffect<WebSocket>[], registry: SocketRegistry, frame?: string): WebSocket[] {
  const closed: WebSocket[] = [];
  for (const effect of effects) {
    switch (effect.kind) {
      case 'send':
      case 'forward': {
        const text = outgoing(effect, frame);
        for (const ws of effect.to) {
          try {
            ws.send(text);
          } catch {
            closeQuietly(ws, CloseCode.InternalError, CloseReason.sendFailed);
            closed.push(ws);
          }
        }
        break;
      }
      case 'close':
        closeQuietly(effect.peer, effect.code, effect.reason);
        closed.push(effect.peer);
        break;
      case 'store':
        registry.store(effect.peer, effect.record);
        break;
    }
  }
  return closed;
}
