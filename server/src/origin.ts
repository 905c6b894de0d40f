// Which browser pages may open a WebSocket to this server. A page's Origin is
// set by the browser and cannot be faked by the page, so checking it stops a
// web site the user happens to visit from reading or driving their session.
import { networkInterfaces } from 'node:os';
import { isLoopbackName } from './host-check.js';

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

export interface OriginPolicy {
  /** Is a WebSocket upgrade with this Origin header allowed? */
  allows(origin: string | undefined): boolean;
  /** Admit one more exact origin from now on (an editor's webview that told its host where it lives). */
  add(origin: string): void;
}

/**
 * A VS Code desktop webview: `vscode-webview://<id>` where the id is one
 * label of letters and digits (VS Code's per-panel id), with no port, path or
 * user. Only VS Code makes pages with this scheme, and only for extensions
 * the user installed; anything else that merely starts with the scheme is refused.
 */
export function isVsCodeWebviewOrigin(origin: string): boolean {
  return /^vscode-webview:\/\/[a-z0-9][a-z0-9-]{0,62}$/.test(origin);
}

function bracket(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** The bound address as it appears in URLs (every interface address for a wildcard bind). */
export function boundHostNames(boundHost: string): string[] {
  if (!WILDCARD_HOSTS.has(boundHost)) return [bracket(boundHost)];
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((info) => bracket(info.address)));
}

/**
 * The server's own origins: loopback names, the bound address, and the names
 * given to `--allow-host` (a page served under an allowed name is this server's UI).
 */
export function ownOrigins(boundHost: string, port: number, allowHosts: readonly string[] = []): string[] {
  const hosts = new Set([...LOOPBACK_HOSTS, ...boundHostNames(boundHost), ...allowHosts]);
  return [...hosts].map((host) => `http://${host}:${port}`);
}

/** An http page on this port under any loopback name the Host check answers (`*.localhost`, 127.x.y.z). */
function isLoopbackPage(origin: string, port: number): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && Number(url.port || 80) === port && isLoopbackName(url.hostname);
  } catch {
    return false;
  }
}

/**
 * Allowed: no Origin (Python and CLI clients), the server's own origins (any
 * loopback name on its port, the bound address), VS Code webviews
 * (`vscode-webview://<id>`, only local extensions can load those), and the
 * `--allow-origin` list; `allowHosts` are the `--allow-host` names.
 * Refused: every other origin, including `null` (sandboxed iframes and file:// pages).
 */
export function originPolicy(
  boundHost: string,
  port: number,
  allowList: readonly string[],
  allowHosts: readonly string[] = [],
): OriginPolicy {
  const allowed = new Set([...ownOrigins(boundHost, port, allowHosts), ...allowList].map(normalizeOrigin));
  return {
    allows(origin) {
      if (origin === undefined) return true;
      if (isVsCodeWebviewOrigin(origin)) return true;
      return allowed.has(normalizeOrigin(origin)) || isLoopbackPage(origin, port);
    },
    add(origin) {
      const url = parseOrigin(origin);
      if (url === undefined) throw new TypeError(`"${origin}" is not a web origin (scheme://host[:port])`);
      allowed.add(url);
    },
  };
}

/** `origin` normalized if it is exactly an origin (no path, query or user), else undefined. */
function parseOrigin(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    if (url.origin === 'null' || url.username || url.password || url.search || url.hash) return undefined;
    if (url.pathname !== '/' || origin.endsWith('/')) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** Lower-case scheme and host, no trailing slash, default ports dropped (as browsers send it). */
export function normalizeOrigin(origin: string): string {
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? origin.toLowerCase() : url.origin;
  } catch {
    return origin.toLowerCase();
  }
}

/**
 * What the log says about a refused Origin. Only an http(s) origin gets the
 * `--allow-origin` advice: allowing `null` would admit every sandboxed iframe
 * and file:// page, from any site.
 */
export function originAdvice(origin: string): string {
  let url: URL | undefined;
  try {
    url = new URL(origin);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin.toLowerCase()) {
    return `if that page is yours, start sidekick serve with --allow-origin ${url.origin}`;
  }
  return 'pages without a web origin of their own (sandboxed iframes, file:// pages) cannot be allowed; serve the page over http';
}
