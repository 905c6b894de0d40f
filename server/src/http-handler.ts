// Plain HTTP: /healthz and the static UI, with the shared security headers
// (relay/src/response-headers.ts) on every response.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from '@sidekick/relay';
import type { WsRelayHost } from './relay-host.js';
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

export function createHttpHandler(relay: WsRelayHost, uiDir: string) {
  /** `path` is the request target's path, already read by parseRequestTarget. */
  return (req: IncomingMessage, res: ServerResponse, path: string): void => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(healthReport(relay)));
      return;
    }
    serveStatic(uiDir, req, res, path);
  };
}
