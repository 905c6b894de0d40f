// Which sessions on the local relay have a program in them, from the relay's
// session listing (server/src/session-list.ts). The listing is a long poll:
// each request waits until something changes, so watching costs nothing
// while nothing happens.
import { get } from 'node:http';
import { SESSION_LISTING_PATH, type SessionListing, type SessionSummary } from '@sidekick/relay';

/** Pause before asking again after a failed request (relay restarting, port gone). */
export const RETRY_MS = 2000;
/** A listing is a few hundred bytes per session; more than this is not a Sidekick relay. */
const MAX_BODY_BYTES = 1 << 20;

export class SessionWatcher {
  private stopped = false;
  private request: ReturnType<typeof get> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * `onSessions` hears the sessions each time the listing changes (none while
   * the relay cannot be reached); `onUnreachable`, each failed request.
   */
  constructor(
    private readonly port: number,
    private readonly onSessions: (sessions: readonly SessionSummary[]) => void,
    private readonly onUnreachable: () => void = () => {},
  ) {
    this.poll(undefined);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.request?.destroy();
  }

  private poll(after: number | undefined): void {
    if (this.stopped) return;
    const query = after === undefined ? '' : `?after=${after}`;
    this.request = get({ host: '127.0.0.1', port: this.port, path: `${SESSION_LISTING_PATH}${query}` }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) res.destroy(new Error('session listing too large'));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        const listing = res.statusCode === 200 ? parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        if (!listing) return this.retry();
        this.onSessions(listing.sessions);
        this.poll(listing.version);
      });
      res.on('error', () => this.retry());
    });
    this.request.on('error', () => this.retry());
  }

  private retry(): void {
    if (this.stopped) return;
    this.onSessions([]);
    this.onUnreachable();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.poll(undefined), RETRY_MS);
  }
}

function parse(text: string): SessionListing | undefined {
  try {
    const value = JSON.parse(text) as Partial<SessionListing>;
    return typeof value.version === 'number' && Array.isArray(value.sessions) ? (value as SessionListing) : undefined;
  } catch {
    return undefined;
  }
}
