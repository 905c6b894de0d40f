// Carries out the relay core's effects on hibernatable sockets. A send that
// throws closes only that peer (1011) and the others still get the frame.
import { CloseCode, CloseReason, type RelayEffect } from '@sidekick/relay';
import { closeQuietly } from './close-socket.js';
import type { SocketRegistry } from './socket-registry.js';

export function apply(effects: readonly RelayEffect<WebSocket>[], registry: SocketRegistry): void {
  for (const effect of effects) {
    switch (effect.kind) {
      case 'send':
        for (const ws of effect.to) {
          try {
            ws.send(effect.text);
          } catch {
            closeQuietly(ws, CloseCode.InternalError, CloseReason.sendFailed);
          }
        }
        break;
      case 'close':
        closeQuietly(effect.peer, effect.code, effect.reason);
        break;
      case 'store':
        registry.store(effect.peer, effect.record);
        break;
    }
  }
}
