// Plain HTTP: /healthz and the static UI, with the shared security headers
// (relay/src/response-headers.ts) on every response.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type RequestTarget, SECURITY_HEADERS } from '@sidekick/relay';
import type { WsRelayHost } from './relay-host.js';
import type { ServerIdentity } from './server-identity.js';
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

export function createHttpHandler(relay: WsRelayHost, uiDir: string, identity?: ServerIdentity) {
  /** `target` is the request target as parseRequestTarget read it. */
  return (req: IncomingMessage, res: ServerResponse, target: RequestTarget): void => {
    const path = target.path;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
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
