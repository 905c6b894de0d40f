// A one-line status: connection, whether a hero is online, and the session.
import type { TransportStatus } from '../transport/types';

const CONNECTION_TEXT: Record<TransportStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected',
};

export interface StatusBarProps {
  status: TransportStatus;
  /** Why the connection dropped, when the relay said (e.g. "session is full"). */
  reason?: string | undefined;
  heroOnline: boolean;
  sessionId: string | null;
}

export function StatusBar({ status, reason, heroOnline, sessionId }: StatusBarProps) {
  return (
    <header className="sk-status" role="status" aria-live="polite">
      <span className={`sk-dot sk-dot-${status}`} aria-hidden="true" />
      <span data-sk-status="connection">
        {CONNECTION_TEXT[status]}
        {reason && ` (${reason})`}
      </span>
      <span className="sk-sep" aria-hidden="true">·</span>
      <span data-sk-status="hero">{heroOnline ? 'Hero online' : 'Hero offline'}</span>
      {sessionId !== null && (
        <>
          <span className="sk-sep" aria-hidden="true">·</span>
          <span data-sk-status="session" title="session id">session {sessionId}</span>
        </>
      )}
    </header>
  );
}
