// Where the UI connects: back to the origin that served the page, so the same
// build works from the local server and from the cloud worker
// (protocol.md "Transport": the UI learns its session from /session/<id>).
import { isValidSessionId, SESSION_QUERY_PARAM } from '@sidekick/protocol';

export interface Endpoint {
  url: string;
  /** Session id from the page path, or null for the default session. */
  session: string | null;
  /**
   * Set when the page cannot join its session at all (a malformed id in the
   * path): every relay would refuse it before the WebSocket opens, without a
   * reason the page could show, so the panel says why and does not connect.
   */
  problem?: string;
}

const MALFORMED_SESSION = 'not a valid session id: use 1–128 letters, digits, "_" or "-"';

/** The session named by a page path `/session/<id>`, else null. */
export function sessionFromPath(pathname: string): string | null {
  const match = /^\/session\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/**
 * The WebSocket endpoint for a page location: its own host, or `relayHost`
 * when given (the Vite dev server serves pages but is no relay). Nothing in
 * the address can point the panel at another relay: a link that did so could
 * show a learner someone else's content under this origin and receive their
 * clicks and text.
 */
export function endpointFor(location: Pick<Location, 'protocol' | 'host' | 'pathname'>, relayHost?: string): Endpoint {
  const session = sessionFromPath(location.pathname);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = session === null ? '' : `?${SESSION_QUERY_PARAM}=${encodeURIComponent(session)}`;
  const url = `${scheme}//${relayHost ?? location.host}/${query}`;
  return session === null || isValidSessionId(session) ? { url, session } : { url, session, problem: MALFORMED_SESSION };
}

/**
 * The endpoint an embedding host wrote into the page itself, for a page whose
 * own address says nothing about the relay (VS Code's webview, see
 * docs/vscode.md): `<meta name="sidekick-relay" content="ws://…/">` and
 * `<meta name="sidekick-session" content="<id>">`. The local server and the
 * worker serve the UI without these tags, and no address can add them.
 */
export function hostEndpoint(doc: Pick<Document, 'querySelector'>): Endpoint | undefined {
  const relay = doc.querySelector<HTMLMetaElement>('meta[name="sidekick-relay"]')?.content;
  if (!relay) return undefined;
  const session = doc.querySelector<HTMLMetaElement>('meta[name="sidekick-session"]')?.content || null;
  const query = session === null ? '' : `?session=${encodeURIComponent(session)}`;
  const url = `${relay.replace(/\/?$/, '/')}${query}`;
  return session === null || isValidSessionId(session) ? { url, session } : { url, session, problem: MALFORMED_SESSION };
}
