// One Sidekick session = one Durable Object. It hosts the shared relay core
// (relay/) over the WebSocket Hibernation API: sockets are accepted with
// ctx.acceptWebSocket, so the object can be evicted while peers stay
// connected, and every fact about a peer sits in its socket's attachment.
import { DurableObject } from 'cloudflare:workers';
import { Relay, type RelayEffect } from '@sidekick/relay';
import { readAttachment, writeAttachment } from './attachment.js';
import { closeQuietly } from './close-socket.js';
import { apply } from './effects.js';
import type { Env } from './env.js';
import { SocketRegistry } from './socket-registry.js';

const OPEN = 1; // WebSocket.OPEN

function refusesNewcomer(effects: readonly RelayEffect<WebSocket>[], newcomer: WebSocket): boolean {
  return effects.some((effect) => effect.kind === 'close' && effect.peer === newcomer);
}

export class Session extends DurableObject<Env> {
  private readonly registry: SocketRegistry;
  private readonly relay: Relay<WebSocket>;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.registry = new SocketRegistry(ctx);
    this.relay = new Relay(this.registry, env.RELAY_LIMITS ?? {});
  }

  /** The Worker sends only valid WebSocket upgrades here; anything else is refused. */
  override fetch(request: Request): Response {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('A Session object only accepts WebSocket upgrades.\n', { status: 426 });
    }
    const pair = new WebSocketPair();
    const client = pair[0];
    const server = pair[1];
    const key = crypto.randomUUID();
    writeAttachment(server, { key });
    const effects = this.relay.connected(server);
    if (refusesNewcomer(effects, server)) {
      // A refused peer is never made hibernatable: workerd keeps a
      // hibernatable socket that is closed during its own upgrade open until
      // the object is evicted, so the client would wait ~10 s for the end.
      server.accept();
    } else {
      this.ctx.acceptWebSocket(server, [key]);
    }
    this.carryOut(effects);
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    // Frames still arriving from a peer we have closed (bad input) are dropped.
    if (ws.readyState !== OPEN || !readAttachment(ws)) return;
    if (typeof message === 'string') this.carryOut(this.relay.text(ws, message), message);
    else this.carryOut(this.relay.binary(ws));
  }

  override webSocketClose(ws: WebSocket, code: number): void {
    this.gone(ws, code);
  }

  override webSocketError(ws: WebSocket): void {
    this.gone(ws, 1011);
  }

  /** Both close paths: the core's "peer gone" is idempotent; then answer the close. */
  private gone(ws: WebSocket, code: number): void {
    if (!readAttachment(ws)) return;
    try {
      this.carryOut(this.relay.closed(ws));
    } finally {
      closeQuietly(ws, code);
    }
  }

  /**
   * Applies effects; a peer they close is gone for the relay at once (its
   * offline goes out now, not when its close handshake ends). `closed` is
   * idempotent, so the later webSocketClose adds nothing.
   */
  private carryOut(effects: readonly RelayEffect<WebSocket>[], frame?: string): void {
    for (const ws of apply(effects, this.registry, frame)) this.carryOut(this.relay.closed(ws));
  }
}
