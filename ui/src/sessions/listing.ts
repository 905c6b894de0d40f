// The local server's session listing (GET /api/sessions, docs/server.md):
// pages read it to go to the program that is running, since each program has
// its own session. A long poll (`?after=<version>`) means the page
// hears of a new program at once and costs nothing while nothing changes.
import { DEFAULT_SESSION_ID } from '@sidekick/protocol';
import { SESSION_LISTING_PATH, type SessionListing, type SessionSummary } from '@sidekick/relay';

export const LISTING_PATH = SESSION_LISTING_PATH;
export type { SessionListing, SessionSummary };
/** Pause before asking again after a network error or a busy server. */
export const RETRY_MS = 5_000;

function isSummary(value: unknown): value is SessionSummary {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return typeof s.id === 'string' && typeof s.heroes === 'number' && typeof s.sidekicks === 'number' && typeof s.since === 'number';
}

/** The listing in `body`, or undefined if it is not one. */
export function parseListing(body: unknown): SessionListing | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { version, sessions } = body as Record<string, unknown>;
  if (typeof version !== 'number' || !Array.isArray(sessions) || !sessions.every(isSummary)) return undefined;
  return { version, sessions };
}

/** What a page does with a listing. */
export type Choice =
  | { readonly kind: 'wait' }
  | { readonly kind: 'jump'; readonly id: string }
  | { readonly kind: 'list'; readonly live: readonly SessionSummary[] };

/**
 * What the page showing session `current` (null: the page at /, which shows
 * the default session, where programs that know no session ids go) does:
 *
 * - At /, with no program in the default session: exactly one other program
 *   running means going to its page; several are listed (oldest first); none
 *   means waiting.
 * - At /session/<id>, once its own program has ended: a program that is
 *   waiting for a UI (none open) is taken over when it is the only one, so
 *   running the next script needs no click either; otherwise the programs
 *   running are listed.
 */
export function choose(listing: SessionListing, current: string | null = null): Choice {
  const here = current ?? DEFAULT_SESSION_ID;
  const live = listing.sessions.filter((s) => s.heroes > 0 && s.id !== DEFAULT_SESSION_ID && s.id !== here).sort((a, b) => a.since - b.since);
  const busyHere = listing.sessions.some((s) => s.id === here && s.heroes > 0);
  if (live.length === 0) return { kind: 'wait' };
  if (current === null) {
    if (live.length === 1 && !busyHere) return { kind: 'jump', id: live[0]!.id };
    return { kind: 'list', live };
  }
  if (busyHere) return { kind: 'wait' };
  const unwatched = live.filter((s) => s.sidekicks === 0);
  if (unwatched.length === 1) return { kind: 'jump', id: unwatched[0]!.id };
  return { kind: 'list', live };
}

export function sessionPath(id: string): string {
  return `/session/${encodeURIComponent(id)}`;
}

type Fetch = (url: string, init: { signal: AbortSignal; cache: 'no-store' }) => Promise<Response>;

/**
 * Calls `onListing` with every new listing until the returned function is
 * called. Stops by itself where there is no listing (a host without one, such
 * as the cloud relay, answers 404 or a page that is not JSON).
 */
export function watchListing(onListing: (listing: SessionListing) => void, fetchImpl: Fetch = fetch, retryMs = RETRY_MS): () => void {
  const controller = new AbortController();
  const pause = () => new Promise<void>((resolve) => setTimeout(resolve, retryMs));
  const loop = async () => {
    let version: number | undefined;
    while (!controller.signal.aborted) {
      let response: Response;
      try {
        const query = version === undefined ? '' : `?after=${version}`;
        response = await fetchImpl(`${LISTING_PATH}${query}`, { signal: controller.signal, cache: 'no-store' });
      } catch {
        await pause(); // the server restarting, or our own abort (the loop then ends)
        continue;
      }
      if (response.status === 503) {
        await pause();
        continue;
      }
      const json = response.ok && (response.headers.get('content-type') ?? '').includes('application/json');
      const listing = json ? parseListing(await response.json().catch(() => undefined)) : undefined;
      if (listing === undefined) return;
      version = listing.version;
      onListing(listing);
    }
  };
  void loop();
  return () => controller.abort();
}
