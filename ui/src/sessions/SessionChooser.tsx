// Follows the server's session listing: goes to the program running, or lists
// the programs when there are several (listing.ts `choose` says which).
import { useEffect, useState } from 'react';
import { choose, type SessionListing, sessionPath, watchListing } from './listing';

export interface SessionChooserProps {
  /** The session this page shows; null for the page at /. */
  current?: string | null;
  /** Goes to a program's page (replaces this one, so Back does not bounce). */
  go?: (path: string) => void;
  watch?: typeof watchListing;
}

const replacePage = (path: string) => window.location.replace(path);

function startedAt(since: number): string {
  return new Date(since).toLocaleTimeString();
}

export function SessionChooser({ current = null, go = replacePage, watch = watchListing }: SessionChooserProps) {
  const [listing, setListing] = useState<SessionListing | undefined>(undefined);
  useEffect(() => watch(setListing), [watch]);
  const choice = listing === undefined ? undefined : choose(listing, current);
  const jumpTo = choice?.kind === 'jump' ? choice.id : undefined;
  useEffect(() => {
    if (jumpTo !== undefined) go(sessionPath(jumpTo));
  }, [jumpTo, go]);

  if (choice?.kind !== 'list') return null;
  return (
    <nav className="sk-sessions" aria-label="Programs running">
      <span>{current === null ? 'Programs running on this server, each in its own session:' : 'Other programs running on this server:'}</span>
      <ul>
        {choice.live.map((s) => (
          <li key={s.id}>
            <a href={sessionPath(s.id)} data-sk-session={s.id}>
              program started {startedAt(s.since)}
            </a>{' '}
            <span className="sk-sessions-id">(session {s.id})</span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
