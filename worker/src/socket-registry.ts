// The relay core's view of a session's peers in a Durable Object: the
// object's hibernatable sockets (ctx.getWebSockets()) and their attachments.
// Nothing here lives only in memory, so hibernation loses no peer.
import type { PeerRecord, PeerRegistry } from '@sidekick/relay';
import { readAttachment, writeAttachment } from './attachment.js';

const OPEN = 1; // WebSocket.OPEN

export class SocketRegistry implements PeerRegistry<WebSocket> {
  constructor(private readonly ctx: DurableObjectState) {}

  /**
   * Our open sockets; closing ones and sockets without our attachment are
   * left out. A plain array, not a generator: this runs for every frame, and
   * a generator cost more than the rest of the relay's per-frame work.
   */
  peers(): WebSocket[] {
    const open: WebSocket[] = [];
    for (const ws of this.ctx.getWebSockets()) {
      if (ws.readyState === OPEN && readAttachment(ws)) open.push(ws);
    }
    return open;
  }

  keyOf(ws: WebSocket): string {
    return readAttachment(ws)?.key ?? '';
  }

  recordOf(ws: WebSocket): PeerRecord | undefined {
    return readAttachment(ws)?.record;
  }

  store(ws: WebSocket, record: PeerRecord): void {
    const current = readAttachment(ws);
    if (current) writeAttachment(ws, { ...current, record });
  }
}
