// Baselines for bench/src/suites/worker.ts: two Durable Objects that forward
// every frame to every other socket of the object, without parsing anything.
// HIBERNATING uses the same Hibernation API as our Session; ACCEPTING uses
// accept() + event listeners (the object can never hibernate).
// `/?session=<id>` routes like our worker; `&kind=accepting` picks the second.
import { DurableObject } from 'cloudflare:workers';

interface Env {
  HIBERNATING: DurableObjectNamespace;
  ACCEPTING: DurableObjectNamespace;
}

function upgrade(): { client: WebSocket; server: WebSocket } {
  const pair = new WebSocketPair();
  return { client: pair[0], server: pair[1] };
}

export class Hibernating extends DurableObject<Env> {
  override fetch(): Response {
    const { client, server } = upgrade();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    for (const other of this.ctx.getWebSockets()) if (other !== ws) other.send(message);
  }

  override webSocketClose(ws: WebSocket, code: number): void {
    // The Hibernation API leaves the close handshake to us.
    try {
      ws.close(code === 1005 || code === 1006 || code === 1015 ? 1000 : code);
    } catch {
      // already closed
    }
  }
}

export class Accepting extends DurableObject<Env> {
  private readonly sockets = new Set<WebSocket>();

  override fetch(): Response {
    const { client, server } = upgrade();
    server.accept();
    this.sockets.add(server);
    server.addEventListener('message', (event) => {
      for (const other of this.sockets) if (other !== server) other.send(event.data);
    });
    const forget = (): void => {
      this.sockets.delete(server);
    };
    server.addEventListener('close', forget);
    server.addEventListener('error', forget);
    return new Response(null, { status: 101, webSocket: client });
  }
}

export default {
  fetch(request: Request, env: Env): Promise<Response> | Response {
    const url = new URL(request.url);
    const session = url.searchParams.get('session');
    if (!session || request.headers.get('Upgrade') !== 'websocket') return new Response('bad request', { status: 400 });
    const namespace = url.searchParams.get('kind') === 'accepting' ? env.ACCEPTING : env.HIBERNATING;
    return namespace.get(namespace.idFromName(session)).fetch(request);
  },
} satisfies ExportedHandler<Env>;
