// Where the panel connects: a relay's WebSocket address and a session in it.
// The local relay gets one session per VS Code window; `Sidekick: Open
// Session…` turns what the user pastes (the page address a program printed,
// a relay's ws address, or a bare id) into a target on a cloud relay.
import { randomBytes } from 'node:crypto';
import { isValidSessionId } from '@sidekick/protocol';

export interface PanelTarget {
  /** ws:// or wss:// address of the relay, without a query. */
  readonly relayUrl: string;
  readonly session: string;
  /** The panel's title; 'Sidekick' when unset (the local relay). */
  readonly title?: string;
}

/** An unguessable session id (protocol.md "Sessions": 1–128 of letters, digits, '_' and '-'). */
export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

/** The address a program is given in SIDEKICK_URL to join `target`. */
export function heroUrl(target: PanelTarget): string {
  return `${target.relayUrl}?session=${encodeURIComponent(target.session)}`;
}

const ID_HELP = 'a session id has 1–128 letters, digits, "_" or "-"';

/**
 * Reads what the user typed into `Sidekick: Open Session…`:
 * - `https://relay.example/session/<id>` (what the library prints for a cloud relay),
 * - `wss://relay.example/?session=<id>` (the address a program connects to),
 * - `<id>` alone, on the relay named by the `sidekick.cloudRelay` setting.
 * Returns the target, or a sentence saying what is wrong.
 */
export function parseSessionInput(input: string, cloudRelay: string): PanelTarget | string {
  const text = input.trim();
  if (text === '') return 'Paste the session address your program printed, or a session id.';
  if (!text.includes('/') && !text.includes(':')) {
    if (!isValidSessionId(text)) return `"${text}" is not a session id: ${ID_HELP}.`;
    if (cloudRelay.trim() === '') {
      return 'A bare session id needs the sidekick.cloudRelay setting (your relay\'s address); or paste the whole session address.';
    }
    const relay = relayOf(cloudRelay.trim());
    return typeof relay === 'string' ? `sidekick.cloudRelay: ${relay}` : cloudTarget(relay.relayUrl, text);
  }
  const relay = relayOf(text);
  if (typeof relay === 'string') return relay;
  if (relay.session === undefined) return `${text} names no session: expected …/session/<id> or …/?session=<id>.`;
  if (!isValidSessionId(relay.session)) return `"${relay.session}" is not a session id: ${ID_HELP}.`;
  return cloudTarget(relay.relayUrl, relay.session);
}

function cloudTarget(relayUrl: string, session: string): PanelTarget {
  return { relayUrl, session, title: `Sidekick: ${session}` };
}

function relayOf(address: string): { relayUrl: string; session?: string } | string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return `"${address}" is not an address (expected https://… or wss://…).`;
  }
  const scheme = { 'https:': 'wss:', 'wss:': 'wss:', 'http:': 'ws:', 'ws:': 'ws:' }[url.protocol];
  if (scheme === undefined) return `"${address}" is not an http(s) or ws(s) address.`;
  if (url.username || url.password) return `"${address}" carries a user name or password; leave them out.`;
  const fromPath = /^\/session\/([^/]+)\/?$/.exec(url.pathname)?.[1];
  let session: string | undefined;
  try {
    session = url.searchParams.get('session') ?? (fromPath === undefined ? undefined : decodeURIComponent(fromPath));
  } catch {
    return `"${address}" has a badly escaped session id.`;
  }
  return { relayUrl: `${scheme}//${url.host}/`, session };
}
