// The relay behaviour of one session (protocol.md "system/announce", seed 001),
// with no I/O: the host feeds it events and carries out the effects it returns.
import { ANNOUNCE_MARK, announceOfRecord, BATCH_PREFIX, parseAnnounce, type PeerRecord } from './announce.js';
import { CloseCode, CloseReason, type RelayLimits, resolveLimits } from './limits.js';
import type { PeerRegistry, RelayEffect } from './ports.js';
import { exceedsUtf8 } from './utf8.js';

const NONE: readonly never[] = Object.freeze([]);

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Cheap shape test for "one JSON object": first and last non-space characters are braces. */
function looksLikeObject(text: string): boolean {
  let start = 0;
  let end = text.length - 1;
  while (start <= end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end))) end--;
  return end > start && text.charCodeAt(start) === 0x7b && text.charCodeAt(end) === 0x7d;
}

/**
 * One session's relay logic. Holds no peer state itself: every fact about a
 * peer lives in the host's registry (via `store` effects), so a Durable Object
 * that hibernates loses nothing.
 */
export class Relay<P> {
  readonly limits: RelayLimits;

  constructor(
    private readonly registry: PeerRegistry<P>,
    limits: Partial<RelayLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = resolveLimits(limits);
  }

  /** A peer joined: refuse it if the session is full, else send it the peers already online. */
  connected(peer: P): readonly RelayEffect<P>[] {
    const key = this.registry.keyOf(peer);
    const effects: RelayEffect<P>[] = [];
    let others = 0;
    for (const other of this.registry.peers()) {
      if (this.registry.keyOf(other) === key) continue;
      others++;
      const record = this.registry.recordOf(other);
      if (record?.online) {
        effects.push({ kind: 'send', to: [peer], text: announceOfRecord(record, 'online', record.timestamp) });
      }
    }
    if (others >= this.limits.maxPeersPerSession) {
      return [{ kind: 'close', peer, code: CloseCode.PolicyViolation, reason: CloseReason.sessionFull }];
    }
    return effects;
  }

  /**
   * A text frame arrived. The hot path: size and shape checks, a substring
   * test, then the original text goes to every other peer.
   */
  text(peer: P, text: string): readonly RelayEffect<P>[] {
    if (exceedsUtf8(text, this.limits.maxFrameBytes)) {
      return [{ kind: 'close', peer, code: CloseCode.MessageTooBig, reason: CloseReason.tooBig }];
    }
    if (!looksLikeObject(text)) {
      return [{ kind: 'close', peer, code: CloseCode.InvalidPayload, reason: CloseReason.notJsonObject }];
    }
    if (text.startsWith(BATCH_PREFIX)) return this.forwardBatch(peer, text);
    if (text.includes(ANNOUNCE_MARK)) return this.maybeAnnounce(peer, text);
    return this.forward(peer, text, NONE);
  }

  /** A binary frame arrived: the protocol is text only, so the sender is closed. */
  binary(peer: P): readonly RelayEffect<P>[] {
    return [{ kind: 'close', peer, code: CloseCode.UnsupportedData, reason: CloseReason.binary }];
  }

  /**
   * A peer's socket is gone (closed, errored, terminated). Idempotent: the
   * `offline` on its behalf is sent at most once, because the record stored
   * here says it went offline.
   */
  closed(peer: P): readonly RelayEffect<P>[] {
    const record = this.registry.recordOf(peer);
    if (!record?.online) return NONE;
    const key = this.registry.keyOf(peer);
    const offline: PeerRecord = { ...record, online: false };
    const store: RelayEffect<P> = { kind: 'store', peer, record: offline };
    // Another connection still online under the same peerId (a reconnect) means the peer has not left.
    for (const other of this.registry.peers()) {
      if (this.registry.keyOf(other) === key) continue;
      const otherRecord = this.registry.recordOf(other);
      if (otherRecord?.online && otherRecord.peerId === record.peerId) return [store];
    }
    return this.forward(peer, announceOfRecord(record, 'offline', this.now()), [store]);
  }

  private maybeAnnounce(peer: P, text: string): readonly RelayEffect<P>[] {
    const parsed = parseAnnounce(text, this.limits.maxAnnounceFieldLength, this.now());
    if (parsed.kind === 'other') return this.forward(peer, text, NONE);
    if (parsed.kind === 'invalid') {
      const reason = `${CloseReason.badAnnounce}: ${parsed.why}`;
      return [{ kind: 'close', peer, code: CloseCode.InvalidPayload, reason }];
    }
    const { peerId, role, version, timestamp, status, acceptsBatch } = parsed.announce;
    const record: PeerRecord = { peerId, role, version, timestamp, online: status === 'online', acceptsBatch };
    return this.forward(peer, text, [{ kind: 'store', peer, record }]);
  }

  /**
   * A batch frame goes, untouched, only to the peers that announced
   * `acceptsBatch`: one that joined a moment ago, before the hero saw its
   * announce, gets the hero's replay in single frames instead.
   */
  private forwardBatch(sender: P, text: string): readonly RelayEffect<P>[] {
    const key = this.registry.keyOf(sender);
    const to: P[] = [];
    for (const other of this.registry.peers()) {
      if (this.registry.keyOf(other) !== key && this.registry.recordOf(other)?.acceptsBatch === true) to.push(other);
    }
    return to.length === 0 ? NONE : [{ kind: 'send', to, text }];
  }

  /** `first` effects, then one send of `text` to every peer but the sender (if there is any). */
  private forward(sender: P, text: string, first: readonly RelayEffect<P>[]): readonly RelayEffect<P>[] {
    const key = this.registry.keyOf(sender);
    const to: P[] = [];
    for (const other of this.registry.peers()) {
      if (this.registry.keyOf(other) !== key) to.push(other);
    }
    if (to.length === 0) return first;
    return first.length === 0 ? [{ kind: 'send', to, text }] : [...first, { kind: 'send', to, text }];
  }
}
