// The one parse step both hosts run on a request's target (the path and query
// of its request line) before routing it. It never throws: anything it cannot
// read is refused with a reason the host sends back as a 400.
import { DEFAULT_SESSION_ID, isValidSessionId, SESSION_QUERY_PARAM } from '@sidekick/protocol';

/** Longest request target accepted, in characters (well above any URL the UI or the library builds). */
export const MAX_TARGET_LENGTH = 8192;

/** What a host routes on: the raw path (not decoded) and the one `session` parameter, if given. */
export interface RequestTarget {
  readonly path: string;
  /** The `session` query parameter, decoded; null when absent. */
  readonly session: string | null;
  /** The raw query after `?` ('' when there is none). */
  readonly query: string;
}

export type TargetParse = { readonly ok: true; readonly target: RequestTarget } | { readonly ok: false; readonly reason: string };

/** Printable ASCII without space: what RFC 9112 allows in an origin-form target (non-ASCII must be %-encoded). */
const TARGET_CHARS = /^[\x21-\x7e]+$/;

function refuse(reason: string): TargetParse {
  return { ok: false, reason };
}

/**
 * Reads an origin-form request target (`/path?query`). Absolute, authority
 * and asterisk forms, control or non-ASCII characters, overlong targets and a
 * repeated `session` parameter are refused.
 */
export function parseRequestTarget(raw: string | undefined): TargetParse {
  if (raw === undefined || raw === '') return refuse('the request has no target');
  if (raw.length > MAX_TARGET_LENGTH) return refuse(`the request target is longer than ${MAX_TARGET_LENGTH} characters`);
  if (!TARGET_CHARS.test(raw)) return refuse('the request target holds spaces, control or non-ASCII characters');
  if (!raw.startsWith('/')) return refuse('the request target must be a path starting with "/"');
  const mark = raw.indexOf('?');
  const path = mark === -1 ? raw : raw.slice(0, mark);
  // URLSearchParams never throws: a malformed %-escape stays as written.
  const query = mark === -1 ? '' : raw.slice(mark + 1);
  const sessions = new URLSearchParams(query).getAll(SESSION_QUERY_PARAM);
  if (sessions.length > 1) return refuse('the request names more than one session');
  return { ok: true, target: { path, session: sessions[0] ?? null, query } };
}

/** Why a relay upgrade cannot join a session, shown in the 400 answer. */
export const RELAY_ENDPOINT_HELP = 'Connect to /?session=<id>, id: 1-128 characters of A-Z a-z 0-9 _ -';

/**
 * The session a WebSocket upgrade joins: only the path `/` is the relay
 * endpoint. `fallback` is the session for an upgrade without `?session=`
 * (the local server's `default`), or null where one is required (cloud).
 */
export function upgradeSession(target: RequestTarget, fallback: string | null = DEFAULT_SESSION_ID): string | undefined {
  if (target.path !== '/') return undefined;
  const session = target.session ?? fallback;
  return session !== null && isValidSessionId(session) ? session : undefined;
}
