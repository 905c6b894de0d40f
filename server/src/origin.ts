// Which browser pages may open a WebSocket to this server. A page's Origin is
// set by the browser and cannot be faked by the page, so checking it stops a
// web site the user happens to visit from reading or driving their session.
import { networkInterfaces } from 'node:os';

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

export interface OriginPolicy {
  /** Is a WebSocket upgrade with this Origin header allowed? */
  allows(origin: string | undefined): boolean;
}

function bracket(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** The server's own origins: loopback names, plus the bound address (every interface for a wildcard bind). */
export function ownOrigins(boundHost: string, port: number): string[] {
  const hosts = new Set(LOOPBACK_HOSTS);
  if (WILDCARD_HOSTS.has(boundHost)) {
    for (const list of Object.values(networkInterfaces())) {
      for (const info of list ?? []) hosts.add(bracket(info.address));
    }
  } else {
    hosts.add(bracket(boundHost));
  }
  return [...hosts].map((host) => `http://${host}:${port}`);
}

/**
 * Allowed: no Origin (Python and CLI clients), the server's own origins, VS Code
 * webviews (`vscode-webview://`, only local extensions can load those), and
 * the `--allow-origin` list. Refused: every other origin, including `null`
 * (sandboxed iframes and file:// pages).
 */
export function originPolicy(boundHost: string, port: number, allowList: readonly string[]): OriginPolicy {
  const allowed = new Set([...ownOrigins(boundHost, port), ...allowList].map(normalizeOrigin));
  return {
    allows(origin) {
      if (origin === undefined) return true;
      if (origin.startsWith('vscode-webview://')) return true;
      return allowed.has(normalizeOrigin(origin));
    },
  };
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
