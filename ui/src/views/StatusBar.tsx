// A one-line status: connection, whether a hero is online, and the session;
// and the colour theme toggle (auto -> light -> dark, remembered).
import { useSyncExternalStore } from 'react';
import type { TransportStatus } from '../transport/types';
import { currentTheme, onThemeChange, setTheme, THEME_CHOICES } from './theme';

const CONNECTION_TEXT: Record<TransportStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected',
};

const THEME_TEXT = { auto: 'Theme: auto', light: 'Theme: light', dark: 'Theme: dark' } as const;

export interface StatusBarProps {
  status: TransportStatus;
  /** Why the connection dropped, when the relay said (e.g. "session is full"). */
  reason?: string | undefined;
  heroOnline: boolean;
  sessionId: string | null;
  /** The program was here and is not reachable now: input is paused until it is back. */
  inputPaused?: boolean;
}

function ThemeToggle() {
  const theme = useSyncExternalStore(onThemeChange, currentTheme);
  const next = THEME_CHOICES[(THEME_CHOICES.indexOf(theme) + 1) % THEME_CHOICES.length]!;
  return (
    <button type="button" className="sk-theme" data-sk-theme-choice={theme} title={`Colour theme (next: ${next})`} onClick={() => setTheme(next)}>
      {THEME_TEXT[theme]}
    </button>
  );
}

export function StatusBar({ status, reason, heroOnline, sessionId, inputPaused = false }: StatusBarProps) {
  return (
    <header className="sk-status">
      <div className="sk-status-text" role="status" aria-live="polite">
        <span className={`sk-dot sk-dot-${status}`} aria-hidden="true" />
        <span data-sk-status="connection">
          {CONNECTION_TEXT[status]}
          {reason && ` (${reason})`}
        </span>
        <span className="sk-sep" aria-hidden="true">·</span>
        <span data-sk-status="hero">{heroOnline ? 'Hero online' : 'Hero offline'}</span>
        {inputPaused && (
          <>
            <span className="sk-sep" aria-hidden="true">·</span>
            <span data-sk-status="input" title="Clicks and text would be lost now; the panel shows the last state it had">
              input paused until the program is back
            </span>
          </>
        )}
        {sessionId !== null && (
          <>
            <span className="sk-sep" aria-hidden="true">·</span>
            <span data-sk-status="session" title="session id">session {sessionId}</span>
          </>
        )}
      </div>
      <ThemeToggle />
    </header>
  );
}
