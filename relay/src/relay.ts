// The relay behaviour of one session (protocol.md "system/announce", seed 001),
// with no I/O: the host feeds it events and carries out the effects it returns.
import { ANNOUNCE_MARK, announceOfRecord, BATCH_PREFIX, parseAnnounce, type PeerRecord } from './announce.js';
import { endsWithBrace, looksLikeObject, startsWithBatchPrefix } from './frame-shape.js';
import { CloseCode, CloseReason, type RelayLimits, resolveLimits } from './limits.js';
import type { PeerRegistry, RelayEffect } from './ports.js';
import { exceedsUtf8 } from './utf8.js';

const NONE: readonly never[] = Object.freeze([]);

/** Frames reach `textBytes` already checked as UTF-8 by the host's socket, so nothing is replaced. */
const decoder = new TextDecoder();

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
   * test, then a `forward` of the frame to every other peer.
   */
  text(peer: P, text: string): readonly RelayEffect<P>[] {
    if (exceedsUtf8(text, this.limits.maxFrameBytes)) return this.tooBig(peer);
    if (!looksLikeObject(text)) return this.notObject(peer);
    if (text.startsWith(BATCH_PREFIX)) return this.forward(peer, NONE, true);
    if (text.includes(ANNOUNCE_MARK)) return this.maybeAnnounce(peer, text);
    return this.forward(peer, NONE);
  }

  /**
   * A text frame arrived as UTF-8 bytes that the host's socket has already
   * checked (RFC 6455 section 8.1). The same as `text`, but a batch frame (the
   * bulk of a flood, up to 64 KiB each) is forwarded without being decoded.
   */
  textBytes(peer: P, bytes: Uint8Array): readonly RelayEffect<P>[] {
    if (bytes.length > this.limits.maxFrameBytes) return this.tooBig(peer);
    if (!startsWithBatchPrefix(bytes)) return this.text(peer, decoder.decode(bytes));
    return endsWithBrace(bytes) ? this.forward(peer, NONE, true) : this.notObject(peer);
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
    const to = this.others(peer, false);
    return to.length === 0 ? [store] : [store, { kind: 'send', to, text: announceOfRecord(record, 'offline', this.now()) }];
  }

  private tooBig(peer: P): readonly RelayEffect<P>[] {
    return [{ kind: 'close', peer, code: CloseCode.MessageTooBig, reason: CloseReason.tooBig }];
  }

  private notObject(peer: P): readonly RelayEffect<P>[] {
    return [{ kind: 'close', peer, code: CloseCode.InvalidPayload, reason: CloseReason.notJsonObject }];
  }

  private maybeAnnounce(peer: P, text: string): readonly RelayEffect<P>[] {
    const parsed = parseAnnounce(text, this.limits.maxAnnounceFieldLength, this.now());
    if (parsed.kind === 'other') return this.forward(peer, NONE);
    if (parsed.kind === 'invalid') {
      const reason = `${CloseReason.badAnnounce}: ${parsed.why}`;
      return [{ kind: 'close', peer, code: CloseCode.InvalidPayload, reason }];
    }
    const { peerId, role, version, timestamp, status, acceptsBatch } = parsed.announce;
    const record: PeerRecord = { peerId, role, version, timestamp, online: status === 'online', acceptsBatch };
    return this.forward(peer, [{ kind: 'store', peer, record }]);
  }

  /**
   * `first` effects, then the frame received, unchanged, to the other peers.
   * A batch frame goes only to those whose announce said `acceptsBatch`: one
   * that joined a moment ago, before the hero saw its announce, gets the
   * hero's replay in single frames instead.
   */
  private forward(sender: P, first: readonly RelayEffect<P>[], batch = false): readonly RelayEffect<P>[] {
    const to = this.others(sender, batch);
    if (to.length === 0) return first;
    return first.length === 0 ? [{ kind: 'forward', to }] : [...first, { kind: 'forward', to }];
  }

  /** Every peer but the sender; with `batchTakers`, only those whose record says `acceptsBatch`. */
  private others(sender: P, batchTakers: boolean): P[] {
    const key = this.registry.keyOf(sender);
    const to: P[] = [];
    for (const other of this.registry.peers()) {
      if (this.registry.keyOf(other) === key) continue;
      if (!batchTakers || this.registry.recordOf(other)?.acceptsBatch === true) to.push(other);
    }
    return to;
  }
}
