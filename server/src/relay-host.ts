// Hosts the relay core on `ws` sockets: one Relay per session over a Map
// registry, effects carried out on the sockets, plus the checks only a host can
// make (send-buffer cap, session count, pings).
import { DEFAULT_SESSION_ID } from '@sidekick/protocol';
import {
  CloseCode,
  CloseReason,
  type CloseCodeValue,
  outgoing,
  type PeerRecord,
  type PeerRegistry,
  Relay,
  type RelayEffect,
  type RelayLimits,
} from '@sidekick/relay';
import type { WebSocket } from 'ws';
import { startHeartbeat, watchPongs } from './heartbeat.js';
import type { Logger } from './log.js';
import type { SessionSummary } from './session-list.js';

interface Peer {
  readonly key: string;
  readonly ws: WebSocket;
  readonly session: Session;
  record: PeerRecord | undefined;
  /** Set once the peer is out of the session (closed by us or by its socket). */
  gone: boolean;
  /** Cleared at each ping, set by the pong (heartbeat.ts). */
  alive: boolean;
}

interface Session {
  readonly id: string;
  /** The client that opened it (clientKey in server.ts), for the per-client cap. */
  readonly owner: string;
  readonly peers: Map<string, Peer>;
  readonly relay: Relay<Peer>;
  /** Unix ms of the first peer. */
  readonly since: number;
}

/** Counters for /healthz and the benchmark. */
export interface RelayStats {
  framesIn: number;
  framesOut: number;
  bytesIn: number;
}

const TEXT = { binary: false } as const;

export class WsRelayHost {
  readonly sessions = new Map<string, Session>();
  /** Live sessions per client that opened them. */
  private readonly owned = new Map<string, number>();
  readonly stats: RelayStats = { framesIn: 0, framesOut: 0, bytesIn: 0 };
  private nextKey = 1;
  private readonly stopHeartbeat: () => void;
  /** Called when a session comes or goes or a peer's announce changes (the session listing). */
  onChange: () => void = () => {};

  constructor(
    readonly limits: RelayLimits,
    private readonly log: Logger,
  ) {
    this.stopHeartbeat = startHeartbeat(limits.pingIntervalMs, () => this.allPeers(), (peer) => {
      this.log.info(`peer ${peer.key} in session ${peer.session.id} did not answer a ping; dropping it`);
    });
  }

  get peerCount(): number {
    let count = 0;
    for (const session of this.sessions.values()) count += session.peers.size;
    return count;
  }

  /** Who is in each session, for GET /api/sessions. */
  summaries(): SessionSummary[] {
    return [...this.sessions.values()].map((session) => {
      let heroes = 0;
      let sidekicks = 0;
      for (const { record } of session.peers.values()) {
        if (!record?.online) continue;
        if (record.role === 'hero') heroes++;
        else if (record.role === 'sidekick') sidekicks++;
      }
      return { id: session.id, heroes, sidekicks, since: session.since };
    });
  }

  /**
   * Adds an upgraded socket to a session and wires its events to the core.
   * `client` identifies who connects, for the per-client session cap.
   */
  accept(ws: WebSocket, sessionId: string, client = ''): void {
    let session = this.sessions.get(sessionId);
    const refusal = session ? undefined : this.sessionRefusal(sessionId, client);
    if (refusal !== undefined) {
      this.log.warn(`refused a peer for session ${sessionId}: ${refusal}`);
      ws.on('error', () => {}); // whatever it sends before the close completes must not crash us
      ws.close(CloseCode.TryAgainLater, refusal);
      return;
    }
    // The default session counts against nobody's share.
    session ??= this.createSession(sessionId, sessionId === DEFAULT_SESSION_ID ? '' : client);
    const peer: Peer = { key: String(this.nextKey++), ws, session, record: undefined, gone: false, alive: true };
    session.peers.set(peer.key, peer);
    this.log.info(`peer ${peer.key} connected to session ${sessionId} (${session.peers.size} in session)`);

    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (peer.gone) return;
      this.stats.framesIn++;
      this.stats.bytesIn += data.length;
      if (isBinary) return this.apply(session, session.relay.binary(peer));
      if (this.log.verbose) this.log.trace(`session ${sessionId} peer ${peer.key}: ${data.toString('utf8', 0, 200)}`);
      // The bytes, not a string: `ws` has checked they are UTF-8, and a batch frame is forwarded undecoded.
      this.apply(session, session.relay.textBytes(peer, data), data);
    });
    watchPongs(peer);
    ws.on('error', (error: Error) => {
      // `ws` has already started closing the socket (1002 for broken framing, 1009 for
      // maxPayload, 1007 for bad UTF-8); the peer leaves now rather than when (or
      // if) it answers the close.
      this.log.info(`refused a frame from peer ${peer.key} in session ${sessionId}: ${error.message}`);
      if (!peer.gone) this.leave(peer);
    });
    ws.on('close', (code: number) => {
      if (peer.gone) return;
      this.log.info(`peer ${peer.key} disconnected from session ${sessionId} (code ${code})`);
      this.leave(peer);
    });
    this.apply(session, session.relay.connected(peer));
  }

  /** Closes every peer (server shutdown). */
  closeAll(code: CloseCodeValue, reason: string): void {
    this.stopHeartbeat();
    for (const session of [...this.sessions.values()]) {
      for (const peer of [...session.peers.values()]) {
        peer.gone = true;
        peer.ws.close(code, reason);
      }
    }
    this.sessions.clear();
    this.owned.clear();
  }

  /**
   * Why a new session may not be opened (the close reason), or undefined.
   * The default session is exempt (one more is no burden), so programs that
   * know no session id always find it however many sessions others hold.
   */
  private sessionRefusal(id: string, client: string): string | undefined {
    if (id === DEFAULT_SESSION_ID) return undefined;
    if (this.sessions.size >= this.limits.maxSessions) return CloseReason.tooManySessions;
    if ((this.owned.get(client) ?? 0) >= this.limits.maxSessionsPerClient) return CloseReason.tooManyClientSessions;
    return undefined;
  }

  private createSession(id: string, owner: string): Session {
    const peers = new Map<string, Peer>();
    const registry: PeerRegistry<Peer> = {
      peers: () => peers.values(),
      keyOf: (peer) => peer.key,
      recordOf: (peer) => peer.record,
    };
    const session: Session = { id, owner, peers, relay: new Relay(registry, this.limits), since: Date.now() };
    this.sessions.set(id, session);
    this.owned.set(owner, (this.owned.get(owner) ?? 0) + 1);
    this.onChange();
    return session;
  }

  /**
   * Carries out effects in order. A `forward` sends `frame`, the bytes
   * received (no re-encoding).
   */
  private apply(session: Session, effects: readonly RelayEffect<Peer>[], frame?: Buffer): void {
    for (const effect of effects) {
      if (effect.kind === 'send' || effect.kind === 'forward') {
        const payload = outgoing(effect, frame);
        for (const peer of effect.to) this.send(peer, payload);
      } else if (effect.kind === 'store') {
        const before = effect.peer.record;
        effect.peer.record = effect.record;
        if (before?.online !== effect.record.online || before?.role !== effect.record.role) this.onChange();
      } else {
        this.log.info(`closing peer ${effect.peer.key} in session ${session.id}: ${effect.reason} (${effect.code})`);
        this.closePeer(effect.peer, effect.code, effect.reason);
      }
    }
  }

  private send(peer: Peer, payload: string | Buffer): void {
    if (peer.gone) return;
    if (peer.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.log.info(`closing peer ${peer.key} in session ${peer.session.id}: ${CloseReason.slowConsumer}`);
      this.closePeer(peer, CloseCode.TryAgainLater, CloseReason.slowConsumer);
      return;
    }
    this.stats.framesOut++;
    peer.ws.send(payload, TEXT);
  }

  /** Takes the peer out of its session now (the close handshake may take a while), then closes it. */
  private closePeer(peer: Peer, code: CloseCodeValue, reason: string): void {
    if (peer.gone) return;
    peer.ws.close(code, reason);
    this.leave(peer);
  }

  private leave(peer: Peer): void {
    peer.gone = true;
    const session = peer.session;
    session.peers.delete(peer.key);
    this.apply(session, session.relay.closed(peer));
    if (session.peers.size === 0 && this.sessions.get(session.id) === session) this.dropSession(session);
    this.onChange();
  }

  private dropSession(session: Session): void {
    this.sessions.delete(session.id);
    const left = (this.owned.get(session.owner) ?? 1) - 1;
    if (left > 0) this.owned.set(session.owner, left);
    else this.owned.delete(session.owner);
  }

  private *allPeers(): Iterable<Peer> {
    for (const session of this.sessions.values()) yield* session.peers.values();
  }
}
