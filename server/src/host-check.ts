// Which Host headers this server answers. After DNS rebinding (a web site's
// name made to resolve to 127.0.0.1 once its page has loaded), the browser
// treats the server as part of that site, so the page could read /healthz and
// the UI. The browser still sends the site's name in Host, though, so
// answering only loopback names and names the user allows stops it, for plain
// HTTP and WebSocket upgrades alike.
import { isIPv4 } from 'node:net';

/** `name`, `name:port`, `[ipv6]` or `[ipv6]:port`, with nothing else around it. */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9_-]+(?:\.[a-z0-9_-]+)*)(?::\d{1,5})?$/i;
/** A name or IP address as given to `--allow-host`: no scheme, port or path. */
const HOST_NAME = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\]|[0-9a-f:.]*:[0-9a-f:.]*)$/i;

/** Lower case; IPv6 in brackets and in its short form, as a browser writes it in Host. */
function canonical(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (!lower.includes(':')) return lower;
  try {
    return new URL(`http://${lower.startsWith('[') ? lower : `[${lower}]`}/`).host;
  } catch {
    return undefined; // not a valid IPv6 address
  }
}

/** The host name of a Host header (lower case, IPv6 bracketed), or undefined if absent or malformed. */
export function hostnameOf(hostHeader: string | undefined): string | undefined {
  const match = hostHeader === undefined ? null : HOST_HEADER.exec(hostHeader);
  return match ? canonical(match[1]!) : undefined;
}

/** A host name or address for the allow-list (`mybox.local`, `192.168.1.5`, `fe80::1`), or undefined if it is not one. */
export function normalizeHostName(value: string): string | undefined {
  return HOST_NAME.test(value) ? canonical(value) : undefined;
}

/** localhost, any *.localhost (browsers resolve those to loopback themselves), 127.0.0.0/8 and [::1]. */
export function isLoopbackName(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    (isIPv4(hostname) && hostname.startsWith('127.'))
  );
}

/**
 * May a request with this Host header be answered? Yes when it names a
 * loopback host (any port, any case) or one of `allowed` (host names as
 * normalizeHostName returns them). A missing or malformed Host is refused.
 */
export function isAllowedHost(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  const hostname = hostnameOf(hostHeader);
  return hostname !== undefined && (isLoopbackName(hostname) || allowed.has(hostname));
}

/** The body of a 403 for a refused Host: what was refused and what to do instead. */
export function hostRefusal(hostHeader: string | undefined, serverUrl: string): string {
  if (hostHeader === undefined) return `This request has no Host header; open ${serverUrl}`;
  const shown = hostHeader.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
  const hostname = hostnameOf(hostHeader);
  const advice = hostname === undefined ? '' : ` or start sidekick serve with --allow-host ${hostname}`;
  return `Host '${shown}' is not allowed; open ${serverUrl}${advice}`;
}
