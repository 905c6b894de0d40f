// Plain HTTP: /healthz, the session listing and the static UI, with the shared
// security headers (relay/src/response-headers.ts) on every response.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type RequestTarget, SECURITY_HEADERS } from '@sidekick/relay';
import type { WsRelayHost } from './relay-host.js';
import type { ServerIdentity } from './server-identity.js';
import { isLoopbackClient, type SessionDirectory, SESSIONS_PATH } from './session-list.js';
import { serveStatic } from './static-files.js';
import { serverVersion } from './version.js';

/** What GET /healthz answers; `name` is how `sidekick run` recognises a Sidekick server. */
export interface HealthReport {
  name: 'sidekick';
  version: string;
  sessions: number;
  peers: number;
  stats: {
    cpu: NodeJS.CpuUsage;
    framesIn: number;
    framesOut: number;
    bytesIn: number;
  };
  /** HMAC of the request's `?challenge=` with the server's key (server-identity.ts), when it has one. */
  proof?: string;
}

export function healthReport(relay: WsRelayHost): HealthReport {
  return {
    name: 'sidekick',
    version: serverVersion,
    sessions: relay.sessions.size,
    peers: relay.peerCount,
    stats: { cpu: process.cpuUsage(), ...relay.stats },
  };
}

/** The listing is for this server's own pages and local programs, never another site's page. */
export interface ListingAccess {
  readonly sessions: SessionDirectory;
  /** The WebSocket origin policy: the pages that may see sessions. */
  allowsOrigin(origin: string | undefined): boolean;
}

export function createHttpHandler(relay: WsRelayHost, uiDir: string, identity?: ServerIdentity, listing?: ListingAccess) {
  /** `target` is the request target as parseRequestTarget read it. */
  return (req: IncomingMessage, res: ServerResponse, target: RequestTarget): void => {
    const path = target.path;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    if (path === SESSIONS_PATH && listing) {
      // No Origin: a program on this machine, or a browser's same-origin GET (a
      // foreign page's no-cors load also sends none, but says cross-site).
      // Only from this machine: a server bound to a LAN address must not hand
      // its session ids (the keys to every session) to the LAN.
      const { origin, 'sec-fetch-site': site } = req.headers;
      const foreign = !listing.allowsOrigin(origin) || (origin === undefined && site === 'cross-site');
      if (foreign || !isLoopbackClient(req.socket.remoteAddress)) {
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end('Only programs and pages on this machine may list its sessions\n');
        return;
      }
      listing.sessions.handle(req, res, new URLSearchParams(target.query));
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      const challenge = new URLSearchParams(target.query).get('challenge');
      const proof = challenge === null ? undefined : identity?.prove(challenge);
      res.end(JSON.stringify({ ...healthReport(relay), ...(proof === undefined ? {} : { proof }) }));
      return;
    }
    serveStatic(uiDir, req, res, path);
  };
}
