// What a relay host gives the conformance suite: where to connect, how to stop,
// and the limits it was started with (the suite's limit tests read them).
import type { RelayLimits } from '../src/limits.js';

export interface RelayHostCapabilities {
  /** Peers that give no `?session=` share one default session (local server), or are refused (cloud). */
  readonly defaultSession: boolean;
  /**
   * The host closes a peer whose unsent data passes `maxBufferedBytes` (1013).
   * False only where the runtime cannot see a socket's send buffer; the suite
   * then checks only that a peer that does not read never stalls the others.
   */
  readonly slowConsumerClose: boolean;
  /**
   * A text frame that is not valid UTF-8 fails its connection with 1007
   * (RFC 6455 section 8.1). False where the runtime decodes it with U+FFFD
   * replacement characters instead (workerd); the relay then sees valid text.
   */
  readonly invalidUtf8Closes: boolean;
  /**
   * The host fails the connection (1002) for every framing error the suite
   * sends. False where the runtime reads an unmasked client frame or a
   * control frame over 125 bytes as if it were well-formed (workerd); the
   * suite then checks that the frames around it are relayed as usual.
   */
  readonly strictFraming: boolean;
}

export interface RelayHost {
  /** WebSocket URL of a session; with no argument, the URL without `?session=`. */
  wsUrl(session?: string): string;
  /** Stop the host and free everything it holds. */
  close(): Promise<void>;
  readonly limits: RelayLimits;
  readonly capabilities: RelayHostCapabilities;
}

export type StartRelayHost = () => Promise<RelayHost>;

/**
 * Limits a host should be started with for the suite: small enough that the
 * limit tests run quickly, large enough for the fan-out and isolation tests.
 */
export const CONFORMANCE_LIMITS = {
  maxFrameBytes: 64 * 1024,
  maxPeersPerSession: 8,
  maxSessions: 1000,
  // The isolation test opens 200 sessions from one client; the per-client cap has its own test (server/test/edges.test.ts).
  maxSessionsPerClient: 1000,
  maxBufferedBytes: 256 * 1024,
} as const satisfies Partial<RelayLimits>;
