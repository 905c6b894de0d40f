// GET /api/sessions: the sessions of this server and who is in them, so the UI
// at / can jump to (or list) the programs running, and a hero can see whether
// its remembered session is in use. `?after=<version>` is a long poll: the
// answer waits until the listing changes (or WAIT_MS pass), so an idle tab
// costs nothing and hears of a new program at once.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SESSION_LISTING_PATH, type SessionListing, type SessionSummary } from '@sidekick/relay';
import type { Logger } from './log.js';

export const SESSIONS_PATH = SESSION_LISTING_PATH;
export type { SessionListing, SessionSummary };
/** How long a long poll is held before answering an unchanged listing. */
export const WAIT_MS = 25_000;
/** Long polls held at once; more are answered 503 (the UI retries later). */
export const MAX_WAITERS = 64;

/** A client on this machine: 127.0.0.0/8 or ::1, also as an IPv4-mapped IPv6 address. */
export function isLoopbackClient(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(v4);
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } as const;

export class SessionDirectory {
  private version = 1;
  private readonly waiters = new Set<() => void>();
  private refusedWaiters = false;

  constructor(
    private readonly list: () => SessionSummary[],
    private readonly log: Logger,
    private readonly waitMs = WAIT_MS,
    private readonly maxWaiters = MAX_WAITERS,
  ) {}

  /** Called by the relay host when a session or a peer's announce changed. */
  changed(): void {
    this.version++;
    this.wakeAll();
  }

  listing(): SessionListing {
    return { version: this.version, sessions: this.list() };
  }

  /** Answers the request now, or when the listing moves past `?after=`. */
  handle(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    const after = Number(query.get('after'));
    if (!query.has('after') || !Number.isSafeInteger(after) || after !== this.version) return this.answer(res);
    if (this.waiters.size >= this.maxWaiters) {
      if (!this.refusedWaiters) this.log.warn(`more than ${this.maxWaiters} tabs wait for the session listing; asking the rest to retry`);
      this.refusedWaiters = true;
      res.writeHead(503, { ...JSON_HEADERS, 'Retry-After': '5' });
      res.end('{"error":"too many waiting listings; retry later"}\n');
      return;
    }
    const wake = () => {
      clearTimeout(timer);
      this.waiters.delete(wake);
      if (!res.writableEnded && !res.destroyed) this.answer(res);
    };
    const timer = setTimeout(wake, this.waitMs);
    this.waiters.add(wake);
    req.once('close', () => {
      clearTimeout(timer);
      this.waiters.delete(wake);
    });
  }

  /** Answers every waiting poll (server shutdown). */
  wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private answer(res: ServerResponse): void {
    res.writeHead(200, JSON_HEADERS);
    res.end(res.req.method === 'HEAD' ? undefined : JSON.stringify(this.listing()));
  }
}
