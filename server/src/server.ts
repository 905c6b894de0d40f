// The local server: one node:http server for the UI and /healthz, with
// WebSocket upgrades (Origin and session id checked first) handed to the relay.
// Every request, upgrade or not, must name this server in Host (host-check.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  CloseCode,
  CloseReason,
  parseRequestTarget,
  RELAY_ENDPOINT_HELP,
  type RelayLimits,
  type RequestTarget,
  resolveLimits,
  SECURITY_HEADERS,
  upgradeSession,
} from '@sidekick/relay';
import { DEFAULT_PORT } from '@sidekick/protocol';
import { WebSocketServer } from 'ws';
import { hostRefusal, isAllowedHost, normalizeHostName } from './host-check.js';
import { createEdgeLog, shown } from './edge-log.js';
import { createHttpHandler } from './http-handler.js';
import { createLogger, type Logger } from './log.js';
import { boundHostNames, originAdvice, originPolicy } from './origin.js';
import { PeerSocket } from './peer-socket.js';
import { createIdentity } from './server-identity.js';
import { WsRelayHost } from './relay-host.js';
import { SessionDirectory } from './session-list.js';
import { bundledUiDir } from './version.js';

export { DEFAULT_PORT };
export const DEFAULT_HOST = '127.0.0.1';

export interface ServerOptions {
  /** 0 picks a free port. Default 5163. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Extra web origins allowed to open WebSockets, e.g. `http://localhost:5173`. */
  allowOrigins?: readonly string[];
  /**
   * Host names besides loopback ones (and the bound address) that requests may
   * name in their Host header, e.g. `mybox.local`; pages served under them may
   * also open WebSockets. Throws if one is not a host name or IP address.
   */
  allowHosts?: readonly string[];
  limits?: Partial<RelayLimits>;
  /** Directory of the built UI. Default: the package's ui/ (npm) or <repo>/ui/dist. */
  uiDir?: string;
  /**
   * Where to write this server's key file (server-identity.ts), so `sidekick
   * run` can tell it is the user's own server. The CLI passes the user's
   * state folder; unset, no key is written and /healthz proves nothing.
   */
  identityDir?: string;
  logger?: Logger;
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  /** http://host:port (IPv6 hosts in brackets). */
  readonly url: string;
  readonly limits: RelayLimits;
  readonly relay: WsRelayHost;
  /**
   * Lets one more exact web origin open WebSockets from now on, e.g. the
   * webview of the VS Code extension that started this server (its origin is
   * only known once the panel has loaded). Throws if `origin` is not an origin.
   */
  allowOrigin(origin: string): void;
  /** Closes every peer with 1001, stops listening; resolves when done. */
  close(): Promise<void>;
}

/** The package's ui/ (npm) or <repo>/ui/dist, or $SIDEKICK_UI_DIR when set. */
export const defaultUiDir = bundledUiDir;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Where a browser on this machine reaches a server bound to `host` (loopback for a wildcard bind). */
export function browserUrl(host: string, port: number): string {
  const wildcard = host === '0.0.0.0' || host === '::';
  const shown = wildcard ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/`;
}

/** `allowHosts` normalized; throws on a value that is not a host name or IP address. */
function normalizeAllowHosts(allowHosts: readonly string[]): string[] {
  return allowHosts.map((value) => {
    const name = normalizeHostName(value);
    if (name === undefined) throw new TypeError(`allowHosts: "${value}" is not a host name or IP address`);
    return name;
  });
}

/** Answers on a raw socket (an upgrade or an unreadable request) and closes it. */
function refuse(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  const headers = Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${headers.join('')}` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}

function answer(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${message}\n`);
}

/**
 * Who opens sessions, for the per-client session cap: the remote address and
 * the page's Origin (none for Python and the CLI). On loopback every program
 * shares the address, so a browser page and the local programs are told apart
 * by Origin; see docs/server.md "Limits".
 */
function clientKey(req: IncomingMessage): string {
  return `${req.socket.remoteAddress ?? '?'} ${req.headers.origin ?? '(no origin)'}`;
}

/** Starts listening; rejects with the listen error (e.g. EADDRINUSE). */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const limits = resolveLimits(options.limits);
  const log = options.logger ?? createLogger('info');
  const allowHosts = normalizeAllowHosts(options.allowHosts ?? []);
  const relay = new WsRelayHost(limits, log);
  const http: Server = createServer();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    perMessageDeflate: false,
    WebSocket: PeerSocket,
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? DEFAULT_PORT, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const origins = originPolicy(host, port, options.allowOrigins ?? [], allowHosts);
  // Besides loopback names: the bound address (a LAN bind is reached by its address) and --allow-host.
  const hostNames = new Set(allowHosts);
  for (const name of boundHostNames(host)) hostNames.add(normalizeHostName(name) ?? name);
  const edgeLog = createEdgeLog((line) => log.warn(line));
  /** Undefined if the request's Host is allowed, else the 403 body. */
  const checkHost = (req: IncomingMessage): string | undefined => {
    if (isAllowedHost(req.headers.host, hostNames)) return undefined;
    const refusal = hostRefusal(req.headers.host, browserUrl(host, port));
    edgeLog.refused(`refused a request: ${refusal}`);
    return refusal;
  };
  /** The request's target, or the reason it is refused (logged; the caller answers 400). */
  const targetOf = (req: IncomingMessage): RequestTarget | string => {
    const parsed = parseRequestTarget(req.url);
    if (parsed.ok) return parsed.target;
    edgeLog.refused(`refused a request: ${parsed.reason}: ${shown(req.url)}`);
    return parsed.reason;
  };

  const identity = options.identityDir === undefined ? undefined : createIdentity(port, options.identityDir);
  const sessions = new SessionDirectory(() => relay.summaries(), log);
  relay.onChange = () => sessions.changed();
  const handleHttp = createHttpHandler(relay, options.uiDir ?? defaultUiDir, identity, {
    sessions,
    allowsOrigin: (origin) => origins.allows(origin),
  });
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    try {
      const refusal = checkHost(req);
      if (refusal !== undefined) return answer(res, 403, refusal);
      const target = targetOf(req);
      if (typeof target === 'string') return answer(res, 400, `Bad request: ${target}`);
      handleHttp(req, res, target);
    } catch (error) {
      // A bug must cost one request, never the process.
      edgeLog.refused(`a request failed (${shown(String(error))}): ${shown(req.url)}`);
      if (res.headersSent) res.destroy();
      else answer(res, 500, 'Internal error');
    }
  });

  // Checks in order: Host, Origin, then path and session; only then the upgrade itself.
  const admit = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const refusal = checkHost(req);
    if (refusal !== undefined) return refuse(socket, 403, refusal);
    const origin = req.headers.origin;
    if (!origins.allows(origin)) {
      edgeLog.refused(`refused a WebSocket from origin ${shown(origin)}; ${originAdvice(origin ?? '')}`);
      return refuse(socket, 403, `Origin ${shown(origin)} may not connect to this Sidekick server`);
    }
    const target = targetOf(req);
    if (typeof target === 'string') return refuse(socket, 400, `Bad request: ${target}. ${RELAY_ENDPOINT_HELP}`);
    const session = upgradeSession(target);
    if (session === undefined) return refuse(socket, 400, RELAY_ENDPOINT_HELP);
    const client = clientKey(req);
    wss.handleUpgrade(req, socket, head, (ws) => relay.accept(ws, session, client));
  };
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      admit(req, socket, head);
    } catch (error) {
      edgeLog.refused(`an upgrade failed (${shown(String(error))}): ${shown(req.url)}`);
      socket.destroy();
    }
  });
  // Requests Node's parser cannot read (bad request line, header or framing) never reach the handlers above.
  http.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code !== 'ECONNRESET') edgeLog.refused(`refused a request: unreadable HTTP (${error.code ?? error.message})`);
    // An answer may already be on its way on this connection (keep-alive); then only closing is safe.
    const answering = (socket as { _httpMessage?: unknown })._httpMessage;
    if (socket.writable && !answering) refuse(socket, 400, 'Bad request');
    else socket.destroy();
  });
  // The security headers also on the upgrade response, as on every HTTP answer.
  wss.on('headers', (headers) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.push(`${name}: ${value}`);
  });

  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port,
    url: `http://${shownHost}:${port}`,
    limits,
    relay,
    allowOrigin: (origin) => origins.add(origin),
    close: async () => {
      identity?.remove();
      relay.closeAll(CloseCode.GoingAway, CloseReason.shutdown);
      sessions.wakeAll();
      await new Promise<void>((resolve) => {
        // Give close frames a moment to go out, then drop whatever is left.
        const timer = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
          http.closeAllConnections();
        }, 500);
        http.close(() => {
          clearTimeout(timer);
          resolve();
        });
        http.closeIdleConnections();
        if (wss.clients.size === 0) http.closeAllConnections();
      });
    },
  };
}
