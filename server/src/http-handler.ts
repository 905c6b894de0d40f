// Plain HTTP: /healthz and the static UI, with cross-origin isolation headers
// on every response (the Pyodide playground needs SharedArrayBuffer).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WsRelayHost } from './relay-host.js';
import { serveStatic } from './static-files.js';
import { serverVersion } from './version.js';

export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
} as const;

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
  return (req: IncomingMessage, res: ServerResponse): void => {
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    const path = (req.url ?? '/').split('?', 1)[0]!;
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(healthReport(relay)));
      return;
    }
    serveStatic(uiDir, req, res, path);
  };
}
