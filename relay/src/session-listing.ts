// The local server's session listing (GET /api/sessions, docs/server.md): the
// shape the server sends and the UI's page at / reads, defined once here.

export const SESSION_LISTING_PATH = '/api/sessions';

export interface SessionSummary {
  readonly id: string;
  /** Heroes online (announced, not yet offline). */
  readonly heroes: number;
  /** UIs online. */
  readonly sidekicks: number;
  /** Unix ms when the session got its first peer. */
  readonly since: number;
}

export interface SessionListing {
  /** Bumped on every change; pass it back as `?after=` to wait for the next one. */
  readonly version: number;
  readonly sessions: readonly SessionSummary[];
}
