// Close codes, close reasons and limits shared by every relay host, in one place.
// Codes follow RFC 6455 section 7.4.1; see relay/README.md for when each is used.

/** WebSocket close codes the relay uses. */
export const CloseCode = {
  /** The host is shutting down (SIGINT/SIGTERM). */
  GoingAway: 1001,
  /** A binary frame: the protocol is JSON text only. */
  UnsupportedData: 1003,
  /** A text frame that is not one JSON object, or an invalid `system/announce`. */
  InvalidPayload: 1007,
  /** Policy: the session already has the maximum number of peers, or the request was refused. */
  PolicyViolation: 1008,
  /** A frame larger than `maxFrameBytes`. */
  MessageTooBig: 1009,
  /** The host failed to send to this peer (its socket threw). */
  InternalError: 1011,
  /** Try again later: the peer does not read fast enough (slow consumer), or the host has too many sessions. */
  TryAgainLater: 1013,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Close reasons (each well under the 123-byte limit of a close frame). */
export const CloseReason = {
  shutdown: 'server shutting down',
  binary: 'binary frames are not supported; send JSON text',
  notJsonObject: 'each text frame must hold one JSON object',
  badAnnounce: 'invalid system/announce',
  tooBig: 'frame too big',
  sessionFull: 'session is full',
  tooManySessions: 'too many sessions on this relay; try again later',
  tooManyClientSessions: 'this client already holds its share of sessions; close some first',
  slowConsumer: 'peer is not reading fast enough (send buffer full)',
  sendFailed: 'sending to this peer failed',
} as const;

/** Limits of one relay. Hosts take overrides; unset fields use `DEFAULT_LIMITS`. */
export interface RelayLimits {
  /** Largest frame accepted, in UTF-8 bytes. Larger frames close the sender with 1009. */
  readonly maxFrameBytes: number;
  /** Most peers in one session; one more is closed with 1008 on connect. */
  readonly maxPeersPerSession: number;
  /** Most sessions in one host process (Node server only; the cloud has one session per object). */
  readonly maxSessions: number;
  /**
   * Most sessions one client may have opened and still hold (Node server only;
   * a client is a remote address plus Origin). Keeps one program or page from
   * taking every session; the `default` session is never refused by it.
   */
  readonly maxSessionsPerClient: number;
  /** Per-peer send buffer cap in bytes; a peer whose unsent data exceeds it is closed with 1013. */
  readonly maxBufferedBytes: number;
  /** Ping period in ms; a peer that has not answered the previous ping is dropped. 0 disables pings. */
  readonly pingIntervalMs: number;
  /** Longest accepted peerId/role/version in an announce (keeps stored peer records small). */
  readonly maxAnnounceFieldLength: number;
}

export const DEFAULT_LIMITS: RelayLimits = Object.freeze({
  maxFrameBytes: 1024 * 1024,
  maxPeersPerSession: 32,
  maxSessions: 1000,
  maxSessionsPerClient: 100,
  maxBufferedBytes: 8 * 1024 * 1024,
  pingIntervalMs: 30_000,
  maxAnnounceFieldLength: 256,
});

/** Defaults with the given overrides applied; rejects nonsense values with a clear message. */
export function resolveLimits(overrides: Partial<RelayLimits> = {}): RelayLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`relay limit ${name} must be a non-negative integer, got ${String(value)}`);
    }
  }
  return Object.freeze(limits);
}
